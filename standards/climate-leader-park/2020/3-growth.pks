# 未来成长性 (30%): 园区绿色发展, 园区规划管理, 园区创新研发, 园区品牌建设.
# 注2: “未来成长性”指标的评价会为园区设置相应的培育期，园区可在项目期间开展一系列规范化活动来
# 提升园区的各项指标水平，从而达成评价指标要求。

category growth "未来成长性" max 39 weight 30%

# ---- 园区绿色发展 ----
indicator C1.1 greening_progress "园区绿化建设工作持续推进"
  max 3
  level leading -> 3 "领先：持续推进园区内道路景观、绿化隔离带和生态湿地公园等绿化设施的建设；协调区内企业，共同发展，持续推动园区企业内部绿化建设"
  level advanced -> 2 "先进：绿化建设工作持续推进，达到先进水平"
  level basic -> 1 "一般：开展绿化建设，推进不够持续"
  level none -> 0 "未体现：未体现绿化建设工作"

indicator C1.2 waste_treatment_progress "园区废弃物处理能力不断提升"
  max 3
  level leading -> 3 "领先：持续推进废水上下游一体化治理工作；持续推进废气和VOCs的在线监测和整治工作；持续完善固废填埋场和焚烧厂等基础设施建设，实现危险废物全过程监管"
  level advanced -> 2 "先进：废弃物处理能力不断提升，达到先进水平"
  level basic -> 1 "一般：废弃物处理能力有所提升"
  level none -> 0 "未体现：未体现废弃物处理能力的提升"

indicator C1.3 clean_energy_progress "园区持续推进能源清洁化利用"
  max 3
  level leading -> 3 "领先：持续推进清洁低碳电力供应，加快天然气和太阳能等清洁能源的使用，不断提高园区清洁能源渗透率"
  level advanced -> 2 "先进：持续推进能源清洁化利用，达到先进水平"
  level basic -> 1 "一般：能源清洁化利用有所推进"
  level none -> 0 "未体现：未体现能源清洁化利用"

indicator C1.4 green_potential_assessment "园区通过第三方机构评估和与专业领域人士的交流研讨，不断发掘自身绿色发展的潜力"
  max 3
  level leading -> 3 "领先：委托第三方机构作出评价报告，全面评估园区绿色发展情况；委托第三方机构开展节能诊断、节水诊断、碳盘查等，并形成相关报告和节能节水减碳工作方案；邀请行业专家、环保组织机构等参观调研，共同研讨绿色发展方面存在的问题、解决方案以及园区未来的发展方向"
  level advanced -> 2 "先进：通过第三方评估和交流研讨发掘绿色发展潜力，达到先进水平"
  level basic -> 1 "一般：开展了第三方评估或交流研讨"
  level none -> 0 "未体现：未体现第三方评估和交流研讨"

indicator C1.5 responsible_care_practice "园区持续践行责任关怀理念"
  max 3
  level leading -> 3 "领先：持续指导、督促区内企业实施责任关怀，不断加强与周边社区的沟通，深化与周边地区的联合发展，实现区域融合，共享园区发展成果"
  level advanced -> 2 "先进：持续践行责任关怀理念，达到先进水平"
  level basic -> 1 "一般：践行责任关怀理念，不够持续"
  level none -> 0 "未体现：未体现责任关怀理念的践行"

# ---- 园区规划管理 ----
indicator C2.1 plan_and_layout "持续完善园区总体规划和产业布局"
  max 3
  level leading -> 3 "领先：根据自身条件，不断优化产业布局，制定产业发展规划，实现园区健康可持续性发展"
  level advanced -> 2 "先进：持续完善总体规划和产业布局，达到先进水平"
  level basic -> 1 "一般：总体规划和产业布局有所完善"
  level none -> 0 "未体现：未体现总体规划和产业布局的完善"

indicator C2.2 circular_economy_chain "园区循环化改造，打造循环经济产业链"
  max 3
  level leading -> 3 "领先：构建绿色循环产业链，通过补链延链强链，不断提高园区内产业耦合度，降低能源消耗，提高资源利用率和土地产出率"
  level advanced -> 2 "先进：循环化改造和循环经济产业链建设达到先进水平"
  level basic -> 1 "一般：开展循环化改造，循环经济产业链不够完善"
  level none -> 0 "未体现：未体现循环化改造和循环经济产业链"

indicator C2.3 transformation_upgrade "园区转型升级，不断推进特色化建设"
  max 3
  level leading -> 3 "领先：不断加快转型升级，实现园区特色化、差异化发展，打造高附加值特色产业链"
  level advanced -> 2 "先进：转型升级和特色化建设达到先进水平"
  level basic -> 1 "一般：转型升级和特色化建设有所推进"
  level none -> 0 "未体现：未体现转型升级和特色化建设"

indicator C2.4 smart_park "园区智慧化建设"
  max 3
  level leading -> 3 "领先：整合园区内外关键资源信息，不断强化园区生产和管理的智慧化建设，实现无缝连接与协同联动，以整体提升园区安全、管理和能效水平"
  level advanced -> 2 "先进：智慧化建设达到先进水平"
  level basic -> 1 "一般：智慧化建设有所推进"
  level none -> 0 "未体现：未体现智慧化建设"

# ---- 园区创新研发 ----
indicator C3.1 innovation_cooperation "园区不断提升自身科技创新能力，与科研机构、政府和企业开展多种合作，推广节能减排技术"
  max 3
  level leading -> 3 "领先：不断推进园区研发创新平台和技术服务支撑中心的建设；与科研院所、高校、政府与企业开展多种模式的合作，在高端领域开展科技创新；与区内企业协同创新，共同发展，大力推广应用节能减排先进技术，提高企业能源利用水平"
  level advanced -> 2 "先进：科技创新能力和合作达到先进水平，推广节能减排技术"
  level basic -> 1 "一般：开展了科技创新合作，成效有限"
  level none -> 0 "未体现：未体现科技创新能力和合作"

indicator C3.2 talent_training "园区安全、环保等领域的人才培养"
  max 3
  level leading -> 3 "领先：联合高校与企业，开展常态化、系统性教育培训，不断加强安全、环保等领域人才队伍的建设"
  level advanced -> 2 "先进：安全、环保等领域的人才培养达到先进水平"
  level basic -> 1 "一般：开展了人才培养，不够常态化、系统性"
  level none -> 0 "未体现：未体现安全、环保等领域的人才培养"

# ---- 园区品牌建设 ----
indicator C4.1 international_benchmarking "园区对标国际先进案例发掘自身潜力"
  max 3
  level leading -> 3 "领先：对标国际一流园区，不断发掘园区发展潜力，持续提升园区服务管理水平，创建中国园区名片"
  level advanced -> 2 "先进：对标国际先进案例发掘自身潜力，达到先进水平"
  level basic -> 1 "一般：开展了对标，成效有限"
  level none -> 0 "未体现：未体现对标国际先进案例"

indicator C4.2 park_image "通过活动开展和相关设施的建设，树立园区新形象"
  max 3
  level leading -> 3 "领先：联合周边社区、科研机构和政府与企业开展多种宣传、科普活动，推进园区内展览馆、科技馆等设施的建设，不断提升园区社会形象"
  level advanced -> 2 "先进：通过活动开展和设施建设树立园区新形象，达到先进水平"
  level basic -> 1 "一般：开展了宣传活动或设施建设，成效有限"
  level none -> 0 "未体现：未体现园区形象建设"
