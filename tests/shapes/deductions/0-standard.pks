# A small test standard for deductions with a floor (每项扣4分，扣完为止) and bonus points (加分项)
# beyond the declared total, capped by their category.
standard "deductions" version "1"
title "扣分项与加分项（测试用）"
source "tests/shapes: the shapes of provincial 评分细则, with example figures"
status "draft"
total 20
pass total >= 15

input violations : items "安全环保违规事项（每项注明出处）"
input awards     : items "省部级以上奖项"

category management "安全管理" max 20

indicator 1 safety_record "安全环保记录"
  max 20
  deduct 4 per violations "每发现一项扣4分，扣完为止"

category extra "加分项" max 3 bonus

indicator B1 awards_bonus "获奖加分"
  max 3
  points 1 per awards up to 3
