# 先进性 (40%): 碳排放/能效水平, 生态环境/资源利用水平, 技术水平, 基础设施, 管理水平.
# 注1: “先进性”指标参考自 GB/T39217-2020《化工园区综合评价导则》，具体指标的说明和计算以上述标准为准。

input carbon_intensity_by_year : tCO2/万元 by year "万元工业增加值碳排放强度/万元工业总产值碳排放强度（逐年，同一口径）"
input carbon_reduction_by_year : tCO2 by year      "园区每年的碳减排量（逐年）"
input energy_intensity_by_year : tce/万元 by year  "万元工业增加值综合能耗/万元工业总产值综合能耗（逐年，同一口径）"
input energy_saved_by_year     : tce by year       "园区每年节能量，包括园区自身用能和（或）其推广节能低碳技术或产品/装备过程中产生的节能量（逐年）"

category advancement "先进性" max 33 weight 40%

# ---- 碳排放/能效水平 ----
indicator A1.1 carbon_energy_level "园区的碳排放和(或)能效水平处于领先或先进水平"
  max 3
  level leading -> 3 "领先：碳排放强度（万元工业增加值/万元工业总产值碳排放强度）和(或)单位能耗（万元工业增加值/万元工业总产值综合能耗）处于领先地位"
  level advanced -> 2 "先进：碳排放强度和(或)单位能耗处于先进水平"
  level basic -> 1 "一般：碳排放强度和(或)单位能耗未达到先进水平"
  level none -> 0 "未体现：未体现碳排放和(或)能效水平"

# One bullet, one criterion (the ➢ details name four measures of the same improvement): met when
# carbon or energy performance improved over the three years ending with the park's evaluation
# period (2017-2019 in the source, seed line 678); figures after the period are not read. The source's wording "处于先进水平/领先地位" belongs to A1.1, which an
# expert assesses; no rule here claims a level.
indicator A1.2 carbon_energy_improvement "近三年来，园区的碳排放和(或)能效水平保持了持续改善"
  max 3
  reading "met when any one of the four yearly measures of the 评价指标 improves over the three years ending with the park's evaluation period (2017-2019 in the source; later years are not read): carbon intensity falls, annual carbon reduction grows, energy intensity falls, or annual energy saved grows"
  trend carbon_intensity_by_year decreasing over 3 years -> 3 "碳排放强度近三年来保持持续改善（逐年下降）"
  trend carbon_reduction_by_year increasing over 3 years -> 3 "园区每年的碳减排量近三年来保持持续增长"
  trend energy_intensity_by_year decreasing over 3 years -> 3 "单位能耗近三年来保持持续改善（逐年下降）"
  trend energy_saved_by_year increasing over 3 years -> 3 "园区每年节能量（包括园区自身用能和（或）其推广节能低碳技术或产品/装备过程中产生的节能量）近三年来保持持续增长"

# ---- 生态环境/资源利用水平 ----
indicator A2.1 eco_environment_level "园区的各项生态环境指标处于领先或先进水平"
  max 3
  level leading -> 3 "领先：大气环境质量、水环境质量（地表水及地下水）、土壤环境质量等指标先进并保持持续改善；单位工业总产值二氧化硫、氮氧化物、COD、氨氮、VOCs的排放量，工业固体废物、危险废物的产生量，均处于领先水平并保持持续改善；绿化隔离带和生态公园等设施建设完备，绿化覆盖率处于领先水平"
  level advanced -> 2 "先进：各项生态环境指标处于先进水平"
  level basic -> 1 "一般：生态环境指标未达到先进水平"
  level none -> 0 "未体现：未体现各项生态环境指标"

indicator A2.2 eco_investment_level "园区生态环境保护投资比率处于领先水平"
  max 3
  level leading -> 3 "领先：生态环境保护投资比率处于领先水平"
  level advanced -> 2 "先进：生态环境保护投资比率处于先进水平"
  level basic -> 1 "一般：生态环境保护投资比率未达到先进水平"
  level none -> 0 "未体现：未体现生态环境保护投资比率"

# ---- 技术水平 ----
indicator A3.1 technology_level "园区推广采用的技术、工艺和主要装备等处于国内或国际先进水平，并做出了创新和突破"
  max 3
  level leading -> 3 "领先：推广采用的节能低碳技术、工艺、主要装备成效突出；近三年来在节能低碳等相关领域获得的发明专利和（或）实用新型专利及其成效；省级及以上认定的绿色工厂和国家高新技术企业占比、高新技术产业产值占园区工业总产值比例处于领先水平"
  level advanced -> 2 "先进：技术、工艺和主要装备等处于国内或国际先进水平"
  level basic -> 1 "一般：技术、工艺和主要装备等未达到先进水平"
  level none -> 0 "未体现：未体现推广采用的技术、工艺和主要装备"

# ---- 基础设施 (no 评价内容 label is printed for this row: see 0-standard.pks) ----
indicator A4.1 infrastructure_systems "园区能源资源供应和废物处理等设施和系统先进完备"
  max 3
  level leading -> 3 "领先：公共管廊建设完备，工业供水、供电、供气系统处于先进水平；工业废水收集处理系统，危险废物处理处置系统等处于先进水平"
  level advanced -> 2 "先进：能源资源供应和废物处理等设施和系统处于先进水平"
  level basic -> 1 "一般：能源资源供应和废物处理等设施和系统未达到先进完备"
  level none -> 0 "未体现：未体现能源资源供应和废物处理等设施和系统"

# ---- 管理水平 ----
indicator A5.1 management_system "园区管理水平领先，管理体系和机制处于先进水平，发展规划完善"
  max 3
  level leading -> 3 "领先：项目准入和退出机制、企业动态评级机制和信息公开制度，专家咨询机制和专业第三方服务机制处于先进水平；设立专门安全应急和生态环境管理机构；建立绿色园区发展规划；绿色智慧信息平台建设处于先进水平；企业清洁生产通过审核率处于领先水平"
  level advanced -> 2 "先进：管理体系和机制处于先进水平，发展规划完善"
  level basic -> 1 "一般：管理体系和机制未达到先进水平"
  level none -> 0 "未体现：未体现管理体系、机制和发展规划"

indicator A5.2 carbon_energy_management "园区为提升能效和（或）减少碳排放采取了有效的管理措施"
  max 3
  level leading -> 3 "领先：建立先进完善的能源管理系统和（或）碳排放管理体系；开展责任分解、目标考核、对标提升等相关工作；结合绿色产业链规划管理，通过提出建议、要求或明确标准等方式，推动或影响上下游产业链提升能效或减少碳排放，促进产业链整体或局部绿色化"
  level advanced -> 2 "先进：为提升能效和（或）减少碳排放采取了有效的管理措施，达到先进水平"
  level basic -> 1 "一般：采取了管理措施，未达到先进水平"
  level none -> 0 "未体现：未体现提升能效和（或）减少碳排放的管理措施"

indicator A5.3 resource_recovery_level "园区能源资源的回收处理和利用率处于领先水平"
  max 3
  level leading -> 3 "领先：工业用水重复率，中水回用率，工业固体废物综合利用率和余热资源、废弃资源、再生资源回收利用率处于领先水平；工业污水纳管率，危险废物处理处置率等处于领先水平"
  level advanced -> 2 "先进：能源资源的回收处理和利用率处于先进水平"
  level basic -> 1 "一般：能源资源的回收处理和利用率未达到先进水平"
  level none -> 0 "未体现：未体现能源资源的回收处理和利用率"

indicator A5.4 emergency_capability "园区安全应急能力处于先进水平"
  max 3
  level leading -> 3 "领先：安全生产应急救援体系，突发环境事件应急体系，安全风险监测监控体系等处于先进水平；应急指挥中心、消防站等设施建设完备"
  level advanced -> 2 "先进：安全应急能力处于先进水平"
  level basic -> 1 "一般：安全应急能力未达到先进水平"
  level none -> 0 "未体现：未体现安全应急能力"

indicator A5.5 responsible_care_system "园区责任关怀体系完善"
  max 3
  level leading -> 3 "领先：承诺并践行责任关怀体系，持续改善健康、安全和环境质量，提高周边地区群众满意度"
  level advanced -> 2 "先进：责任关怀体系完善"
  level basic -> 1 "一般：承诺责任关怀，体系不够完善"
  level none -> 0 "未体现：未体现责任关怀体系"
