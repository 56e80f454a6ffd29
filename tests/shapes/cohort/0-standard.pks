# A small test standard for cohort-relative scores: points by the park's rank within the parks
# scored together (排名全省前30%得1分，30%–70%得0.5分，后30%不得分).
standard "cohort" version "1"
title "排名得分（测试用）"
source "tests/shapes: the shape of provincial rankings, with example figures"
status "draft"
total 4

input energy_consumed   : tce  "综合能耗"
input industrial_output : 万元 "工业总产值"

category main "指标" max 4

indicator 1 energy_intensity "单位工业总产值综合能耗"
  unit tce/万元 max 3
  energy_intensity = energy_consumed / industrial_output
  score energy_intensity <= 0.5 -> 3
  score 0.5 < energy_intensity <= 1 -> 1
  score energy_intensity > 1 -> 0

indicator 2 energy_rank "单位工业总产值综合能耗全省排名"
  unit % max 1 range 0..100
  rank energy_intensity lowest first
  score energy_rank <= 30 -> 1 "排名前30%"
  score 30 < energy_rank <= 70 -> 0.5 "排名30%–70%"
  score energy_rank > 70 -> 0 "排名后30%"
