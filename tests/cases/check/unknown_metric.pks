standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
input COD_emitted : kg "园区工业COD排放量"
input industrial_output : 万元 "园区工业总产值"
category env "环境绩效" max 3
indicator 7.17 COD_intensity "单位工业总产值COD排放量"
  unit kg/万元 max 3
  COD_intensity = COD_emited / industrial_output
  score COD_intensity <= 0.05 -> 3
  score COD_intesity > 0.05 -> 0
