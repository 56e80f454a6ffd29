# 《中国石油和化学工业联合会绿色化工园区认定管理办法（试行）》, as printed in
# CCEEE《“气候领袖园区”项目成果报告》(2021.05) 三(二). Clause numbers are the 办法's own.
# The 导则 scores behind an application are cpcif-green-park@2020: the letter of 三(五) says the
# 办法 and the 导则 were made together (seed 1716); the 办法 itself names no scoring document.
scheme "cpcif-green-park-designation" version "2020-trial"
title "中国石油和化学工业联合会绿色化工园区认定管理办法（试行）"
source "CCEEE《气候领袖园区项目成果报告》(2021) 三(二)"
status "official"
date "2020"
reading "a date the source gives only as a year (or a month) is read as any day of it: a status that depends on the day is given for the earliest and the latest day"
reading "validity counts from the day of the decision: 3 years means until the day before the third anniversary (第十一条); a renewed 创建期 counts from the failed review"
reading "an annual report (第十二条) or a review the history does not record is reported as not recorded, never as missed"
reading "a 创建单位 that passes its review is listed by the next year's 名录 (第十条(二) 优先列入下一年名录; 第六条 the annual round): until that decision it is review_passed, and its three years run from the decision"
reading "not encoded, as they decide no status: 第一、二、四、五条 (purpose, scope, principles, who administers), 第六条 (the annual round), 第八条 (voluntary application), 第十五至十八条 (publicity, support, interpretation, entry into force); the steps of 第九条 (文件审核, 综合评审, 公示, 异议复核) are not recorded one by one: a designation event stands for all of them"
reading "'may use the title' is about the title 绿色化工园区 itself: a 创建单位 is published as 绿色化工园区(创建单位) (第九条(三), 第十条(一)), and the 办法 says nothing either way about using that name"
reading "re-applying after 撤销 or 取消创建资格 is our reading: the 办法 grants no such step; it only bars for three years one revoked for 不正当方法 (第十三条), so a park revoked otherwise (第十四条) or cancelled may apply again at once"

# ---- 第七条 申报条件 ----
condition chemical_park clause "第三条" "经省级及以上人民政府批准设立或认定备案的专业化工园区或以石油和化工为主导产业的化工园区"
condition lawful_setup clause "第七条(一)" "园区依法依规设立，取得设立批复文件且区域环评合规、园区安评合规"
condition green_policies_enforced clause "第七条(二)" "国家和地方绿色、循环和低碳相关法律法规、政策和标准应得到有效的贯彻执行"
condition environment_quality_met clause "第七条(三)" "环境质量达到国家和地方规定的环境功能区环境质量标准，各类重点污染物排放总量均不超过国家或地方的总量控制要求"
condition key_enterprises_audited clause "第七条(四)" "园区重点企业100%实施清洁生产审核（注：重点企业是指《清洁生产促进法》中规定的应当实施强制性清洁生产审核的企业，评审期当年及之前公布的重点企业清洁生产审核名单中的企业）"
condition no_major_incident_last_year clause "第七条(五)" "近一年未发生重大及以上的生产安全事故、污染事故或生态破坏事件" unless major_incident within 1 year
condition responsible_care_committed clause "第七条(六)" "园区承诺并践行责任关怀，持续改善园区健康、安全和环境质量"

# ---- states ----
state applicant "未认定（可申报）" initial
state listed "绿色化工园区（列入绿色化工园区名录）" holds title valid 3 years clause "第十一条"
  due annual_report every 1 year clause "第十二条" "在有效期内，园区应持续推进绿色发展水平，每年提交一份园区绿色发展年度报告"
  on expiry re_review clause "第十二条" "三年有效期过后，石化联合会将按照本办法要求对园区进行复核认定"
state candidate "绿色化工园区（创建单位）" valid 1 year clause "第十条(二)"
  on expiry expert_review clause "第十条(二)" "创建期一年；经专家评议，通过则优先列入下一年名录，未通过则再给予一年创建期"
state review_passed "创建期专家评议通过，待列入下一年名录（第十条(二)）"
state cancelled "取消创建资格" final
state revoked "撤销认定（不得继续使用相关称号）" final

# ---- events ----
event designated_listed "石化联合会审议批准，列入“绿色化工园区名录”" application
  from applicant -> listed clause "第十条(一)" "对经文件审核、专家评审、公示、复核的绿色化工园区进行审议、批准，列入“绿色化工园区名录”"
  from review_passed -> listed clause "第十条(二)" "经专家评议通过的创建单位，优先列入下一年“绿色化工园区名录”"
event designated_candidate "石化联合会审议批准，列入“绿色化工园区（创建单位）”" application
  from applicant -> candidate clause "第十条(一)" "列入“绿色化工园区(创建单位)”"
event expert_review_passed "创建期专家评议通过"
  from candidate -> review_passed clause "第十条(二)" "绿色管理与生态化建设水平得到明显提升，且未发生相关环境与安全事件，经专家评议，将优先列入下一年“绿色化工园区名录”"
event expert_review_failed "创建期专家评议未通过"
  from candidate -> candidate renews at most 1 clause "第十条(二)" "如果未能通过专家评议，则再给予该园区一年创建期"
  from candidate -> cancelled clause "第十条(二)" "创建期满仍未能通过专家评议将取消其创建资格"
event re_review_passed "有效期满复核认定通过"
  from listed -> listed renews clause "第十二条" "三年有效期过后，石化联合会将按照本办法要求对园区进行复核认定"
event re_review_failed "有效期满复核认定未通过"
  from listed -> applicant clause "第十二条" "复核认定未通过：不再列入名录（办法未规定其后果，读作回到未认定，可再申报）"
event annual_report "提交园区绿色发展年度报告"
  from listed -> listed clause "第十二条" "每年提交一份园区绿色发展年度报告"
event fraud "以不正当方法获取称号（申报材料不真实）"
  from listed, candidate, review_passed -> revoked bar applications 3 years clause "第十三条" "对于采取不正当方法获取称号者，将予以撤销并通报，三年内不再受理该单位的申请"
event found_untrue "有效期内发现情况不属实、弄虚作假"
  from listed -> revoked while valid clause "第十四条(一)" "在有效期内的绿色化工园区，若发现…情况不属实，弄虚作假的…将撤销认定并进行公告"
event major_incident "发生重大及以上的生产安全事故、污染事故、生态破坏事件"
  from listed -> revoked while valid clause "第十四条(二)" "在有效期内的绿色化工园区…发生重大及以上的生产安全事故、污染事故、生态破坏事件，将撤销认定并进行公告"
event new_application "撤销或取消后重新申报" application
  from revoked, cancelled -> applicant clause "第十三条" "撤销后重新申报（以不正当方法获取称号者三年内不受理）"
