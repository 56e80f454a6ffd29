standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
input emitted : kg "COD"
input output : 万元 "产值"
category env "环境绩效" max 3
indicator 7.17 COD_intensity "单位工业总产值COD排放量"
  unit kg/万元 max 3
  COD_intensity = emitted / output
  score COD_intensity <= 0.05 3
