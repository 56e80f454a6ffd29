# 影响力 (30%): 社会责任, 最佳实践传播, 示范引领.

category influence "影响力" max 12 weight 30%

# ---- 社会责任 ----
indicator B1.1 social_responsibility "园区积极承担社会责任，在节能减排、绿色发展等相关领域对产业发展和社会产生了积极影响"
  max 3
  level leading -> 3 "领先：为履行社会责任参与和（或）举办活动和项目；投放绿色低碳等相关领域的公益广告；制定可持续发展规划，并提出能效和（或）碳减排领域目标；按要求及时进行信息披露，向社会公布自身的碳排放情况和节能降碳量化贡献；开展公益造林、生态保护等具有增加碳汇量或实施碳中和的项目"
  level advanced -> 2 "先进：积极承担社会责任，对产业发展和社会产生了积极影响"
  level basic -> 1 "一般：承担社会责任，影响有限"
  level none -> 0 "未体现：未体现社会责任"

# ---- 最佳实践传播 ----
indicator B2.1 best_practice_sharing "园区积极分享和传播自身绿色发展最佳实践的案例，并产生了积极的影响和效益"
  max 3
  level leading -> 3 "领先：分享和传播自身节能减排最佳实践案例及其成效；举办专业培训、行业交流和科普宣传等活动；举办公众开放日、媒体通气会等活动"
  level advanced -> 2 "先进：积极分享和传播最佳实践案例，产生了积极的影响和效益"
  level basic -> 1 "一般：分享和传播最佳实践案例，影响有限"
  level none -> 0 "未体现：未体现最佳实践传播"

# ---- 示范引领 ----
# The ➢ details of this row are not assigned to its two bullets: the award ➢ are read with
# B3.1, the standards ➢ with B3.2 (see 0-standard.pks).
indicator B3.1 authority_awards "园区在节能减排、绿色发展等方面获得了由国内国际权威机构颁发的荣誉和奖项"
  max 3
  level leading -> 3 "领先：国家级、省部级及其他权威机构颁发的对产业绿色发展有积极影响的奖项、荣誉、称号（如园区循环化改造示范试点、国家新型工业化产业示范基地、绿色园区、中国化工园区30强、绿色化工园区、智慧化工园区试点示范单位、国家生态工业示范园区，区内绿色工厂、能效领跑者等），其他国内国际知名奖项、荣誉、称号"
  level advanced -> 2 "先进：获得国内国际权威机构颁发的荣誉和奖项"
  level basic -> 1 "一般：获得的荣誉和奖项有限"
  level none -> 0 "未体现：未体现权威机构颁发的荣誉和奖项"

indicator B3.2 sector_contribution "园区对相关领域的良性发展做出了重大贡献，产生了积极影响"
  max 3
  level leading -> 3 "领先：参与或推动制定相关领域的标准、规范等，对相关领域的良性发展做出了重大贡献"
  level advanced -> 2 "先进：对相关领域的良性发展做出了贡献，产生了积极影响"
  level basic -> 1 "一般：对相关领域的贡献有限"
  level none -> 0 "未体现：未体现对相关领域的贡献"
