# 环境绩效 (表1 一级指标, 30分): 7.12-7.21

input eco_investment_total         : 亿元 "自园区设立以来园区内生态环境保护投资总额"
input fixed_investment_total       : 亿元 "自园区设立以来园区及企业固定资产投资总额"
input air_compliant_days           : 天   "大气环境质量达到空气质量功能区要求的天数"
input air_monitored_days           : 天   "大气环境质量总监测天数"
input surface_water_compliant_days : 天   "地表水环境质量达到水体质量功能区要求的天数"
input surface_water_monitored_days : 天   "地表水环境质量总监测天数"
input groundwater_compliant_tests  : 次   "地下水环境质量达到水体质量功能区要求的次数"
input groundwater_tests            : 次   "地下水环境质量总监测次数"
input soil_compliant_tests         : 次   "土壤环境质量不超过建设用地土壤污染风险管控标准的监测次数"
input soil_tests                   : 次   "全年土壤环境质量监测次数"
input industrial_output            : 万元 "园区工业总产值（经信部门统计数据）"
input COD_emitted                  : kg   "园区工业COD排放量"
input ammonia_emitted              : kg   "园区工业氨氮排放量"
input SO2_emitted                  : kg   "园区工业二氧化硫排放量"
input NOx_emitted                  : kg   "园区工业氮氧化物排放量"
input VOCs_emitted                 : kg   "园区工业VOCs排放量"

category environment "环境绩效" max 30

indicator 7.12 eco_investment_ratio "生态环境保护投资比率"
  unit % max 3 table 11 requirement >= 2.0 range 0..100
  eco_investment_ratio = eco_investment_total / fixed_investment_total * 100
  score eco_investment_ratio >= 3.5 -> 3
  score 3.5 > eco_investment_ratio >= 3.0 -> 2
  score 3.0 > eco_investment_ratio >= 2.0 -> 1
  score eco_investment_ratio < 2.0 -> 0

indicator 7.13 air_quality_rate "大气环境质量达标率"
  unit % max 3 table 12 requirement >= 70 range 0..100
  air_quality_rate = air_compliant_days / air_monitored_days * 100
  score air_quality_rate >= 80 -> 3
  score 80 > air_quality_rate >= 75 -> 2
  score 75 > air_quality_rate >= 70 -> 1
  score air_quality_rate < 70 -> 0

indicator 7.14 surface_water_rate "地表水环境质量达标率"
  unit % max 3 table 13 requirement >= 80 range 0..100
  surface_water_rate = surface_water_compliant_days / surface_water_monitored_days * 100
  score surface_water_rate >= 90 -> 3
  score 90 > surface_water_rate >= 85 -> 2
  score 85 > surface_water_rate >= 80 -> 1
  score surface_water_rate < 80 -> 0

indicator 7.15 groundwater_rate "地下水环境质量达标率"
  unit % max 3 table 14 requirement >= 80 range 0..100
  groundwater_rate = groundwater_compliant_tests / groundwater_tests * 100
  score groundwater_rate >= 90 -> 3
  score 90 > groundwater_rate >= 85 -> 2
  score 85 > groundwater_rate >= 80 -> 1
  score groundwater_rate < 80 -> 0

indicator 7.16 soil_compliance_rate "土壤环境质量不超过建设用地土壤污染风险管控标准的比例"
  unit % max 3 table 15 requirement >= 80 range 0..100
  soil_compliance_rate = soil_compliant_tests / soil_tests * 100
  score soil_compliance_rate >= 90 -> 3
  score 90 > soil_compliance_rate >= 85 -> 2
  score 85 > soil_compliance_rate >= 80 -> 1
  score soil_compliance_rate < 80 -> 0

indicator 7.17 COD_intensity "单位工业总产值COD排放量"
  unit kg/万元 max 3 table 16 requirement <= 0.15
  COD_intensity = COD_emitted / industrial_output
  score COD_intensity <= 0.05 -> 3
  score 0.05 < COD_intensity <= 0.1 -> 2
  score 0.1 < COD_intensity <= 0.15 -> 1
  score COD_intensity > 0.15 -> 0

indicator 7.18 ammonia_intensity "单位工业总产值氨氮排放量"
  unit kg/万元 max 3 table 17 requirement <= 0.02
  ammonia_intensity = ammonia_emitted / industrial_output
  score ammonia_intensity <= 0.005 -> 3
  # 表17 prints this row as "0.005<单位工业总产值氨氮排放量 (kg/万元) ≤0.1  2分",
  # which would overlap the next row "0.01<…≤0.02  1分" and make it unreachable.
  score 0.005 < ammonia_intensity <= 0.01 -> 2
  score 0.01 < ammonia_intensity <= 0.02 -> 1
  score ammonia_intensity > 0.02 -> 0
  erratum "表17 prints the 2-point row as 0.005 < x ≤ 0.1, which overlaps the 1-point row 0.01 < x ≤ 0.02 and leaves it unreachable; the rows step 0.005 / 0.01 / 0.02 (指标要求 ≤ 0.02), so 0.01 is meant: encoded as 0.005 < x ≤ 0.01"

indicator 7.19 SO2_intensity "单位工业总产值二氧化硫排放量"
  unit kg/万元 max 3 table 18 requirement <= 0.5
  SO2_intensity = SO2_emitted / industrial_output
  score SO2_intensity <= 0.2 -> 3
  score 0.2 < SO2_intensity <= 0.35 -> 2
  score 0.35 < SO2_intensity <= 0.5 -> 1
  score SO2_intensity > 0.5 -> 0

indicator 7.20 NOx_intensity "单位工业总产值氮氧化物排放量"
  unit kg/万元 max 3 table 19 requirement <= 0.5
  NOx_intensity = NOx_emitted / industrial_output
  score NOx_intensity <= 0.2 -> 3
  score 0.2 < NOx_intensity <= 0.35 -> 2
  score 0.35 < NOx_intensity <= 0.5 -> 1
  score NOx_intensity > 0.5 -> 0

indicator 7.21 VOCs_intensity "单位工业总产值VOCs排放量"
  unit kg/万元 max 3 table 20 requirement <= 10
  VOCs_intensity = VOCs_emitted / industrial_output
  score VOCs_intensity <= 1 -> 3
  score 1 < VOCs_intensity <= 5 -> 2
  score 5 < VOCs_intensity <= 10 -> 1
  score VOCs_intensity > 10 -> 0
