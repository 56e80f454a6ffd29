# 园区管理 (表1 一级指标, 14分): 7.30-7.37

input honour_titles : items "园区在绿色发展领域所获得的省部级以上荣誉（循环化改造示范点、新型工业化产业试点基地、中国化工园区30强、智慧化工园区试点示范单位、生态工业示范园区等）"

category management "园区管理" max 14

indicator 7.30 entry_exit_mechanism "建立项目准入退出机制"
  max 2 table 29 requirement "建立"
  level effective -> 2 "建立项目准入退出机制，配套实施细则与工作机制，效果良好"
  level no_rules -> 1 "建立项目准入退出机制，缺乏实施细则与工作机制"
  level none -> 0 "未建立项目准入退出机制"

indicator 7.31 info_disclosure "信息公开制度"
  max 1 table 30 requirement "建立"
  level established -> 1 "建立信息公开，且公开渠道稳定、信息公开按时充分，园区及企业的环境信息公开落实到位"
  level none -> 0 "未建立信息公开"

indicator 7.32 info_platform "化工园区综合管理信息平台"
  max 2 table 31 requirement "建立"
  level complete -> 2 "建立化工园区综合管理信息平台，且绿色管理功能齐全，可以协助园区实现绿色管理"
  level basic -> 1 "建立化工园区综合管理信息平台，绿色管理功能一般；或正在化工园区综合管理信息平台，且设计方案绿色管理功能相对齐全。"
  level none -> 0 "未建立化工园区综合管理信息平台"

indicator 7.33 green_organization "建立绿色发展组织机构"
  max 2 table 32 requirement "建立"
  level sound -> 2 "建立绿色发展组织机构，且配置合理"
  level flawed -> 1 "建立绿色发展组织机构，但配置存在一定的缺陷"
  level none -> 0 "未建立绿色发展组织机构"

indicator 7.34 honours "绿色发展省部级以上荣誉称号"
  max 2 requirement "/"
  points 1 per honour_titles up to 2

indicator 7.35 industry_plan "建立并落实产业发展规划"
  max 2 table 33 requirement "建立"
  level implemented -> 2 "建立产业发展规划，并积极推动落实"
  level not_implemented -> 1 "建立产业发展规划，但未积极推动落实"
  level none -> 0 "未建立产业发展规划"

indicator 7.36 third_party_services "建立专业第三方服务机制"
  max 1 table 34 requirement "建立"
  level established -> 1 "建立专业第三方服务机制，有效支撑园区绿色发展"
  level none -> 0 "未建立专业第三方服务机制"

indicator 7.37 responsible_care "践行责任关怀"
  max 2 table 35 requirement "建立"
  level complete -> 2 "园区承诺践行责任关怀，责任关怀体系完善"
  level incomplete -> 1 "园区承诺践行责任关怀，责任关怀体系不够完善"
  level none -> 0 "园区未承诺践行责任关怀"
