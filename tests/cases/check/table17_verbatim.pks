standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
input ammonia_emitted : kg "园区工业氨氮排放量"
input industrial_output : 万元 "园区工业总产值"
category env "环境绩效" max 3
# 表17 exactly as printed in the 报批稿 (0.1 where 0.01 is meant)
indicator 7.18 ammonia_intensity "单位工业总产值氨氮排放量"
  unit kg/万元 max 3 table 17
  ammonia_intensity = ammonia_emitted / industrial_output
  score ammonia_intensity <= 0.005 -> 3
  score 0.005 < ammonia_intensity <= 0.1 -> 2
  score 0.01 < ammonia_intensity <= 0.02 -> 1
  score ammonia_intensity > 0.02 -> 0
