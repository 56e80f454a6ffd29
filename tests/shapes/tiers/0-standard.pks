# A small test standard for thresholds tiered by a park attribute (the 零碳园区 core indicator's
# shape), a tier the source leaves without a threshold, and an excusable indicator.
standard "tiers" version "1"
title "分档阈值（测试用）"
source "tests/shapes: the shape of 发改环资〔2025〕910号's core indicator, with example figures"
status "draft"
total 2

input CO2_emitted     : tCO2 "二氧化碳排放量"
input energy_consumed : tce  "年综合能源消费量"
input reuse_ruled_out : bool "客观条件不具备，已说明"

category main "指标" max 2

indicator T1 carbon_per_energy "单位能耗碳排放"
  unit tCO2/tce max 1 veto
  carbon_per_energy = CO2_emitted / energy_consumed
  no threshold when energy_consumed < 1000 "no threshold below 1000 tce in this test standard"
  score carbon_per_energy <= 0.5 -> 1 when 1000 <= energy_consumed < 10000
  score carbon_per_energy > 0.5 -> 0 when 1000 <= energy_consumed < 10000
  score carbon_per_energy <= 0.4 -> 1 when 10000 <= energy_consumed < 100000
  score carbon_per_energy > 0.4 -> 0 when 10000 <= energy_consumed < 100000
  score carbon_per_energy <= 0.3 -> 1 when energy_consumed >= 100000
  score carbon_per_energy > 0.3 -> 0 when energy_consumed >= 100000

indicator T2 reuse_rate "重复利用率"
  unit % max 1 range 0..100
  excuse if reuse_ruled_out "客观条件不具备"
  score reuse_rate >= 80 -> 1
  score reuse_rate < 80 -> 0
