standard "demo" version "1"
title "demo"
source "test case: every syntax error of a file is reported"
status "draft"
total 6
pass total >= 4
input emitted : kg "COD"
input output : 万元 "产值"
category env "环境绩效" max 6
indicator 7.17 COD_intensity "单位工业总产值COD排放量"
  unit kg/万元 max 3
  COD_intensity = emitted / output
  score COD_intensity <= 0.05 3
  score COD_intensity > 0.05 ≤ 1 -> 0
indicator 7.18 x 化工
  unit kg max 3
  score x >= 0 -> 3
  score x < 0 -> 0
indicator 7.19 y "Y"
  unit kg max 3
  score y <= 1 ->
gate lawful "no clause number"
