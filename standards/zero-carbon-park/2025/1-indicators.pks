# 核心指标: 单位能耗碳排放, tiered by the park's annual comprehensive energy consumption.

category core "核心指标" max 1

indicator C1 carbon_per_energy "单位能耗碳排放"
  unit tCO2/tce max 1 veto
  carbon_per_energy = CO2_emitted / energy_consumed
  score carbon_per_energy <= 0.2 -> 1 when 200000 <= energy_consumed < 1000000 "年综合能耗20万—100万吨标准煤的园区：单位能耗碳排放≤0.2 tCO2/tce"
  score carbon_per_energy > 0.2 -> 0 when 200000 <= energy_consumed < 1000000
  score carbon_per_energy <= 0.3 -> 1 when energy_consumed >= 1000000 "年综合能耗100万吨标准煤及以上的园区：单位能耗碳排放≤0.3 tCO2/tce"
  score carbon_per_energy > 0.3 -> 0 when energy_consumed >= 1000000
  no threshold when energy_consumed < 200000 "the sources set no threshold for parks under 20万 tce a year"

# 引导性指标: reference targets; a park may explain why one does not apply to it (excused).
category guiding "引导性指标" max 5

indicator G1 clean_energy_share "清洁能源消费占比"
  unit % max 1 range 0..100
  reading "what counts as clean energy was not found in the sources"
  excuse if clean_energy_ruled_out "客观条件不具备，已在申报中说明"
  score clean_energy_share >= 90 -> 1
  score clean_energy_share < 90 -> 0

indicator G2 product_energy_grade "园区企业产出产品单位能耗"
  max 1 requirement "达到国家能耗限额标准二级及以上"
  excuse if product_energy_ruled_out "客观条件不具备，已在申报中说明"
  level grade_2_or_better -> 1 "各产品单位能耗均达到或优于适用的国家能耗限额标准二级"
  level worse_than_grade_2 -> 0 "有产品单位能耗未达到适用的国家能耗限额标准二级"

indicator G3 solid_waste_utilization "工业固体废物综合利用率"
  unit % max 1 range 0..100
  excuse if solid_waste_ruled_out "客观条件不具备，已在申报中说明"
  score solid_waste_utilization >= 80 -> 1
  score solid_waste_utilization < 80 -> 0

indicator G4 waste_heat_utilization "余热/余冷/余压综合利用率"
  unit % max 1 range 0..100
  excuse if waste_heat_ruled_out "客观条件不具备，已在申报中说明"
  score waste_heat_utilization >= 50 -> 1
  score waste_heat_utilization < 50 -> 0

indicator G5 water_reuse_rate "工业用水重复利用率"
  unit % max 1 range 0..100
  excuse if water_reuse_ruled_out "客观条件不具备，已在申报中说明"
  score water_reuse_rate >= 80 -> 1
  score water_reuse_rate < 80 -> 0
