# 产业发展 (表1 一级指标, 16分): 7.1-7.5

input hightech_chem_enterprises : 家    "化工企业中高新技术企业数量"
input chem_enterprises          : 家    "园区化工企业总数"
input linked_chem_producers     : 家    "园区上下游化工生产企业数量（存在产品交换或废物交换关系，不含基础设施类企业）"
input chem_producers            : 家    "园区化工生产企业总数量"
input certified_green_factories : items "园区内获得国家部委等认定、且在有效期内的绿色工厂示范企业"
input audited_enterprises       : 家    "通过清洁生产审核的企业数量"
input audit_obliged_enterprises : 家    "园区应实施清洁生产审核的企业数量（纳入强制清洁生产审核名单企业及园区内规模以上企业）"
input mandatory_audits_complete : bool  "纳入强制清洁生产审核名单的企业全部完成审核并在有效期内"

category industry "产业发展" max 16

indicator 7.1 chem_revenue "化工行业主营业务收入"
  unit 亿元 max 3 table 2 requirement >= 100
  score chem_revenue >= 500 -> 3
  score 500 > chem_revenue >= 300 -> 2
  score 300 > chem_revenue >= 100 -> 1
  score chem_revenue < 100 -> 0

indicator 7.2 hightech_share "化工企业中高新技术企业占比"
  unit % max 3 table 3 requirement >= 20 range 0..100
  hightech_share = hightech_chem_enterprises / chem_enterprises * 100
  score hightech_share >= 40 -> 3
  score 40 > hightech_share >= 30 -> 2
  score 30 > hightech_share >= 20 -> 1
  score hightech_share < 20 -> 0

indicator 7.3 industry_linkage "产业关联度（化工类）"
  unit % max 5 table 4 requirement >= 40 range 0..100
  industry_linkage = linked_chem_producers / chem_producers * 100
  score industry_linkage >= 80 -> 5
  score 80 > industry_linkage >= 70 -> 4
  score 70 > industry_linkage >= 60 -> 3
  score 60 > industry_linkage >= 50 -> 2
  score 50 > industry_linkage >= 40 -> 1
  score industry_linkage < 40 -> 0

indicator 7.4 green_factories "绿色工厂示范企业"
  unit 个 max 2 requirement >= 1
  points 1 per certified_green_factories up to 2

indicator 7.5 cleaner_production_rate "工业企业清洁生产通过审核率"
  unit % max 3 table 5 requirement >= 60 range 0..100
  cleaner_production_rate = audited_enterprises / audit_obliged_enterprises * 100
  require mandatory_audits_complete "纳入强制清洁生产审核名单的企业全部完成审核并在有效期内"
  score cleaner_production_rate >= 80 -> 3 "工业企业清洁生产通过审核率(%) ≥ 80 且纳入强制清洁生产审核名单的企业全部完成审核并在有效期内"
  score 80 > cleaner_production_rate >= 70 -> 2 "80 > 工业企业清洁生产通过审核率(%) ≥ 70 且纳入强制清洁生产审核名单的企业全部完成审核并在有效期内"
  score 70 > cleaner_production_rate >= 60 -> 1 "70 > 工业企业清洁生产通过审核率(%) ≥ 60 且纳入强制清洁生产审核名单的企业全部完成审核并在有效期内"
  score cleaner_production_rate < 60 -> 0 "工业企业清洁生产通过审核率(%) < 60，或纳入强制清洁生产审核名单的企业未全部完成审核并在有效期内"
