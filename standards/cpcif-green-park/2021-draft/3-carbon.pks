# ILLUSTRATIVE DRAFT, not a CPCIF text. New category 碳排放, modelled on CCEEE《"气候领袖园区"
# 评价指标（2020）》先进性 - 碳排放水平: 万元工业总产值碳排放强度 "处于先进水平，近三年来保持
# 持续改善". industrial_output (园区工业总产值, 万元) is the 2020 input of 3-environment.pks.

input CO2_emitted              : tCO2              "园区工业二氧化碳排放量（示例草案：范围一与范围二，按园区碳盘查口径）"
input carbon_intensity_by_year : tCO2/万元 by year "万元工业总产值碳排放强度（逐年，近三年，与 7.38 同一口径）"

category carbon "碳排放" max 6

# Thresholds are illustrative, chosen for this draft: Chinese chemical parks typically emit about
# 0.5-3 tCO2 per 万元 of industrial output (coal-based chemicals at the top, fine chemicals and
# new materials at the bottom). <= 0.5 marks the 先进水平 end of that range; 2.0 is the
# 指标要求, roughly the typical park, so a park above it gets 0. The steps 0.5 / 1.0 / 2.0 follow
# the pattern of 7.22 (energy intensity, tce/万元), to which carbon intensity is close.
indicator 7.38 carbon_intensity "万元工业总产值碳排放强度"
  unit tCO2/万元 max 3 requirement <= 2.0
  carbon_intensity = CO2_emitted / industrial_output
  score carbon_intensity <= 0.5 -> 3
  score 0.5 < carbon_intensity <= 1.0 -> 2
  score 1.0 < carbon_intensity <= 2.0 -> 1
  score carbon_intensity > 2.0 -> 0

# "近三年来保持持续改善": the latest three consecutive years each lower than the one before.
indicator 7.39 carbon_intensity_trend "万元工业总产值碳排放强度近三年来保持持续改善"
  max 3
  trend carbon_intensity_by_year decreasing over 3 years -> 3 "近三年来万元工业总产值碳排放强度逐年下降"
