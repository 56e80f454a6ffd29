standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
category env "环境绩效" max 3
indicator 7.1 chem_revenue "化工行业主营业务收入"
  unit 亿元 max 3
  score chem_revenue >= 500 -> 3
  score 500 > chem_revenue >= 300 -> 2
  score chem_revenue < 100 -> 0
  score 100 < chem_revenue > 50 -> 1
