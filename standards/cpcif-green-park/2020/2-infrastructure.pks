# 基础设施 (表1 一级指标, 17分): 7.6-7.11

input network_heat_supply        : MJ    "园区热网供热量（集中供热热源单机容量7兆瓦及以上，锅炉单台容量10t/h及以上）"
input enterprise_heat_use        : MJ    "园区企业热力使用总量"
input hazardous_waste_facilities : items "园区内建设的危险废物焚烧厂、填埋厂、综合利用厂等危险废物处置利用企业（满足GB 18484、GB 18597等规范要求）"
input pipe_rack_users            : 家    "使用公共管廊厂际管道输送化学品、蒸汽和污水的企业数量"
input park_enterprises           : 家    "园区所有企业数量"
input no_pipe_rack_needed        : bool  "根据化工园区产业类型，无需公共管廊"

category infrastructure "基础设施" max 17

indicator 7.6 water_supply "工业供水体系"
  max 2 table 6 requirement "建立"
  level complete -> 2 "建立工业供水体系，体系相对完整"
  level weak -> 1 "建立工业供水体系，体系相对较弱"
  level none -> 0 "未建立工业供水体系，或未配套独立管网"

indicator 7.7 central_heating_rate "企业集中供热比率"
  unit % max 3 table 7 requirement >= 80 range 0..100
  central_heating_rate = network_heat_supply / enterprise_heat_use * 100
  score central_heating_rate >= 90 -> 3
  score 90 > central_heating_rate >= 85 -> 2
  score 85 > central_heating_rate >= 80 -> 1
  score central_heating_rate < 80 -> 0

indicator 7.8 wastewater_system "工业废水收集处理体系"
  max 4 table 8 requirement "建立体系"
  level full -> 4 "工业废水应收尽收，污水管网明管设置、压力排放，建立专业化工废水集中污水处理厂，尾水稳定达标排放"
  level central -> 3 "有集中工业污水处理厂或处理设施（依托骨干企业），污水管网明管设置，尾水稳定达标排放"
  level basic -> 1 "有工业污水处理厂或处理设施（依托骨干企业），具有配套的收集管网（地下），尾水稳定达标排放"
  level none -> 0 "无集中污水处理厂或处理设施（依托骨干企业），或未实现管网覆盖，或未实现尾水稳定达标排放"

indicator 7.9 hazardous_waste_capacity "危险废物处置利用能力"
  max 2 requirement "/"
  points 1 per hazardous_waste_facilities up to 2

# 表1 prints the unit of 公共管廊覆盖率 as "/" but its 指标要求 "≥50" is the
# percentage of 表9 / the 7.10 formula, so unit and requirement are in %.
indicator 7.10 pipe_rack_coverage "公共管廊覆盖率"
  unit % max 3 table 9 requirement >= 50 range 0..100
  pipe_rack_coverage = pipe_rack_users / park_enterprises * 100
  exempt if no_pipe_rack_needed -> 3 "根据化工园区产业类型，无需公共管廊的化工园区直接得3分"
  score pipe_rack_coverage >= 80 -> 3
  score 80 > pipe_rack_coverage >= 60 -> 2
  score 60 > pipe_rack_coverage >= 50 -> 1
  score pipe_rack_coverage < 50 -> 0

indicator 7.11 env_monitoring "建设园区环保监测监控体系及应急配套能力"
  max 3 table 10 requirement "建立"
  level complete -> 3 "建立的环境监测监控体系及应急配套能力完善，实施效果好"
  level good -> 2 "建立的环境监测监控体系及应急配套能力相对完善，实施效果较好"
  level fair -> 1 "建立的环境监测监控体系及应急配套能力一般，实施效果一般"
  level none -> 0 "未建立环境监测监控体系及应急配套能力"
