# 资源利用 (表1 一级指标, 23分): 7.22-7.29
# industrial_output (园区工业总产值, 万元) is declared in 3-environment.pks.

input energy_consumed             : tce  "园区工业能耗总量（一次能源，不含原料能耗；扣除电厂供应园区外的部分）"
input fresh_water_withdrawn       : m3   "园区工业新鲜取水量"
input solid_waste_utilized        : t    "工业固体废物综合利用量（含当年利用往年贮存量）"
input solid_waste_generated       : t    "工业固体废物产生量"
input solid_waste_stored_utilized : t    "综合利用往年贮存量"
input water_reused                : 万吨 "工业重复用水量"
input water_used_total            : 万吨 "工业用水总量（工业用新鲜水量与工业重复利用水量之和）" includes water_reused
input reclaimed_water_reused      : m3   "中水回用量"
input wastewater_treated          : m3   "污水处理厂处理水量"
input fixed_investment            : 亿元 "园区及企业固定资产投资额（包括厂房、设备和地价款）"
input developed_land_area         : km2  "园区已开发土地面积"
input enterprise_revenue          : 亿元 "园区企业年主营业务收入总额"
input enterprise_tax              : 亿元 "园区企业年税收总额"
input built_project_land_area     : km2  "园区已建成项目用地面积"

category resources "资源利用" max 23

indicator 7.22 energy_intensity "单位工业总产值综合能耗"
  unit tce/万元 max 3 table 21 requirement <= 2.0
  energy_intensity = energy_consumed / industrial_output
  score energy_intensity <= 0.5 -> 3
  score 0.5 < energy_intensity <= 1.0 -> 2
  score 1.0 < energy_intensity <= 2.0 -> 1
  score energy_intensity > 2.0 -> 0

indicator 7.23 fresh_water_intensity "单位工业总产值新鲜取水量"
  unit m3/万元 max 3 table 22 requirement <= 10.0
  fresh_water_intensity = fresh_water_withdrawn / industrial_output
  score fresh_water_intensity <= 5.0 -> 3
  score 5.0 < fresh_water_intensity <= 7.5 -> 2
  score 7.5 < fresh_water_intensity <= 10.0 -> 1
  score fresh_water_intensity > 10.0 -> 0

indicator 7.24 solid_waste_utilization "工业固体废物综合利用率"
  unit % max 3 table 23 requirement >= 70 range 0..100
  solid_waste_utilization = solid_waste_utilized / (solid_waste_generated + solid_waste_stored_utilized) * 100
  score solid_waste_utilization >= 90 -> 3
  score 90 > solid_waste_utilization >= 80 -> 2
  score 80 > solid_waste_utilization >= 70 -> 1
  score solid_waste_utilization < 70 -> 0

indicator 7.25 water_reuse_rate "工业用水重复利用率"
  unit % max 3 table 24 requirement >= 90 range 0..100
  water_reuse_rate = water_reused / water_used_total * 100
  score water_reuse_rate >= 95 -> 3
  score 95 > water_reuse_rate >= 92.5 -> 2
  score 92.5 > water_reuse_rate >= 90 -> 1
  score water_reuse_rate < 90 -> 0

indicator 7.26 reclaimed_water_rate "中水回用率"
  unit % max 2 table 25 requirement >= 10 range 0..100
  reclaimed_water_rate = reclaimed_water_reused / wastewater_treated * 100
  score reclaimed_water_rate >= 10 -> 2
  score reclaimed_water_rate < 10 -> 0

indicator 7.27 land_investment_intensity "单位土地投资强度"
  unit 亿元/km2 max 3 table 26 requirement >= 30
  land_investment_intensity = fixed_investment / developed_land_area
  score land_investment_intensity >= 50 -> 3
  score 50 > land_investment_intensity >= 40 -> 2
  score 40 > land_investment_intensity >= 30 -> 1
  score land_investment_intensity < 30 -> 0

# 7.28: the clause heading and 表1 say 单位土地主营业务收入; the formula and 表27
# say 单位土地销售收入 for the same quantity (主营业务收入 / 已建成项目用地面积).
indicator 7.28 land_revenue_intensity "单位土地主营业务收入"
  unit 亿元/km2 max 3 table 27 requirement >= 20
  land_revenue_intensity = enterprise_revenue / built_project_land_area
  score land_revenue_intensity >= 40 -> 3
  score 40 > land_revenue_intensity >= 30 -> 2
  score 30 > land_revenue_intensity >= 20 -> 1
  score land_revenue_intensity < 20 -> 0

indicator 7.29 land_tax_intensity "单位土地税收"
  unit 亿元/km2 max 3 table 28 requirement >= 1.5
  land_tax_intensity = enterprise_tax / built_project_land_area
  score land_tax_intensity >= 3.0 -> 3
  score 3 > land_tax_intensity >= 2.0 -> 2
  score 2.0 > land_tax_intensity >= 1.5 -> 1
  score land_tax_intensity < 1.5 -> 0
