standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
category env "环境绩效" max 3
indicator 7.17 COD_intensity "单位工业总产值COD排放量"
  unit kg/万元 max 3
  score COD_intensity <= 0.05 ->
