# Version 2019 of a test family with effective dates: a small test standard for the shapes of 化工园区安全风险评估 (应急〔2023〕123号-style): grades from a
# 100-point total, a veto (一票否决), a k-of-n group of 特色 indicators, and graded credit by
# evidence state. Written for parkscore's tests; its indicators are examples, not the 导则's.
standard "safety-rules" version "2019"
title "化工园区安全风险评估（测试用）"
source "tests/shapes: the shapes of 应急〔2023〕123号, with example indicators"
status "draft"
effective "2019-01-01"
until "2021-12-31"
total 100
grade A "高安全风险" total < 60
grade B "较高安全风险" 60 <= total < 70
grade C "一般安全风险" 70 <= total < 85
grade D "较低安全风险" total >= 85

input major_hazard_count : 项 "重大事故隐患数量"

category core "基本条件" max 70

indicator 1.1 no_major_hazard "不存在重大事故隐患"
  unit 项 max 40 veto grade A
  no_major_hazard = major_hazard_count
  score no_major_hazard <= 0 -> 40 "无重大事故隐患"
  score no_major_hazard > 0 -> 0 "存在重大事故隐患：一票否决"

indicator 1.2 rectification "限批、挂牌督办问题整改情况"
  max 30
  level by_province -> 30 "已整改并经省级部门验收"
  level by_city -> 20 "已整改并经市级部门验收"
  level in_progress -> 10 "正在整改"
  level none -> 0 "未整改"

category special "特色指标" max 30 pass at least 2

indicator 2.1 smart_platform "智慧化安全监管平台"
  max 10
  level complete -> 10 "建成并运行"
  level none -> 0 "未建成"

indicator 2.2 closed_management "封闭化管理"
  max 10
  level complete -> 10 "实现封闭化管理"
  level none -> 0 "未实现"

indicator 2.3 rescue_base "应急救援基地"
  max 10
  level complete -> 10 "建有应急救援基地"
  level none -> 0 "未建"
