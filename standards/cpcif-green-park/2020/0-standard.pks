# 中国石油和化学工业联合会《绿色化工园区评价导则》(报批稿), as printed in
# CCEEE《"气候领袖园区"项目成果报告》(2021) 三(三).
standard "cpcif-green-park" version "2020"
title "中国石油和化学工业联合会 绿色化工园区评价导则"
source "CCEEE《气候领袖园区项目成果报告》(2021) 三(三)"
status "报批稿"
date "2020"
total 100
pass total >= 80 "6.3(2) 综合得分80分以上的可参加绿色化工园区评选: 以上 includes 80"
scope "6.2: 本标准中未作特殊说明的，数据统计范围为化工园区内规模以上化工企业，数据统计周期为上一自然年"
data_sources "6.1: 以统计部门、生态环境保护部门等官方数据为准；官方部门未进行统计的监测数据，可委托有资质的第三方机构进行监测；其他未统计的数据，以现场调研数据为准"
reading "6.3(2) 80分以上 is read as including 80 (total >= 80)"
reading "4(8) and 4(9) are 鼓励 (encouraged): read as advisory, they do not decide eligibility"
reading "a basic requirement (clause 4) without data is not established: the park is not eligible until it is reported"
reading "ELIGIBLE says what 6.3(2) says, 可参加绿色化工园区评选: the park may enter the selection (the review of the 认定管理办法), not that it is designated"

# 4 基本要求: 绿色化工园区应符合以下基本要求
gate 4(1) lawful_setup "属于规范设立的化工园区，具有有效的产业规划、园区安全风险评价和批准时效期内的总体规划、规划环境影响评价等规范文件"
gate 4(2) no_major_incidents "近三年，未发生重大及以上环境污染事故或重大及以上生态破坏事件、重大及以上生产安全事故、重大及以上群体性事件"
gate 4(3) environmental_compliance "化工园区生态环境质量按功能区达到GB 3095、GB 3096、GB 3838、GB/T 14848、GB 36600等标准要求；园区具备化工废水集中处理能力，废水排放满足GB 8978、GB 13458……GB 31573等标准及地方标准要求；工业固体废弃物（含危险废物）得到安全有效的减量化、资源化、无害化处理处置，固废暂存、利用、处置等满足GB 18599、GB 18484、GB 18597、GB 18598等标准"
gate 4(4) mandatory_audits_conducted "化工园区内强制清洁生产审核的企业均按规范开展清洁生产审核"
gate 4(5) no_obsolete_technology "化工园区企业不得使用国家列入淘汰目录的落后生产技术、工艺和设备，不得使用国家明令禁止使用或要求替代的原辅料，不得生产国家列入淘汰目录或明令禁止的产品"
gate 4(6) safety_env_monitoring "化工园区应具有有效的安全、环保监测监控、预警能力"
gate 4(7) green_governance "化工园区应配备发展绿色化工园区的组织机构，将绿色化工园区创建列入园区规划和工作计划，并有持续推进绿色化工园区建设的目标考核制度"
gate 4(8) green_buildings "鼓励化工园区推行绿色建筑，提高园区绿化覆盖率" advisory
gate 4(9) carbon_reduction "鼓励化工园区积极开展碳减排" advisory
