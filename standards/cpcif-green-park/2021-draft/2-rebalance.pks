# ILLUSTRATIVE DRAFT, not a CPCIF text. Rebalancing: 6 points move to the new carbon category
# (see 0-standard.pks, change 3, for the reason of each). Rule: keep the full-marks threshold and
# the 指标要求 threshold; merge the middle bands downwards.

override category industry "产业发展" max 13

override indicator 7.1 chem_revenue "化工行业主营业务收入"
  unit 亿元 max 2 table 2 requirement >= 100
  score chem_revenue >= 500 -> 2
  score 500 > chem_revenue >= 100 -> 1
  score chem_revenue < 100 -> 0

override indicator 7.2 hightech_share "化工企业中高新技术企业占比"
  unit % max 2 table 3 requirement >= 20 range 0..100
  hightech_share = hightech_chem_enterprises / chem_enterprises * 100
  score hightech_share >= 40 -> 2
  score 40 > hightech_share >= 20 -> 1
  score hightech_share < 20 -> 0

override indicator 7.3 industry_linkage "产业关联度（化工类）"
  unit % max 4 table 4 requirement >= 40 range 0..100
  industry_linkage = linked_chem_producers / chem_producers * 100
  score industry_linkage >= 80 -> 4
  score 80 > industry_linkage >= 70 -> 3
  score 70 > industry_linkage >= 60 -> 2
  score 60 > industry_linkage >= 40 -> 1
  score industry_linkage < 40 -> 0

override category resources "资源利用" max 21

override indicator 7.28 land_revenue_intensity "单位土地主营业务收入"
  unit 亿元/km2 max 2 table 27 requirement >= 20
  land_revenue_intensity = enterprise_revenue / built_project_land_area
  score land_revenue_intensity >= 40 -> 2
  score 40 > land_revenue_intensity >= 20 -> 1
  score land_revenue_intensity < 20 -> 0

override indicator 7.29 land_tax_intensity "单位土地税收"
  unit 亿元/km2 max 2 table 28 requirement >= 1.5
  land_tax_intensity = enterprise_tax / built_project_land_area
  score land_tax_intensity >= 3.0 -> 2
  score 3.0 > land_tax_intensity >= 1.5 -> 1
  score land_tax_intensity < 1.5 -> 0

override category management "园区管理" max 13

override indicator 7.34 honours "绿色发展省部级以上荣誉称号"
  max 1 requirement "/"
  points 1 per honour_titles up to 1
