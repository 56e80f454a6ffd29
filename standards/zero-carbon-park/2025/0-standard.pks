# 国家级零碳园区建设指标体系（试行）: 《关于开展零碳园区建设的通知》(发改环资〔2025〕910号) 附件3,
# 国家发展改革委 / 工业和信息化部 / 国家能源局, issued 2025-06-30.
#
# SECONDARY SOURCES. The official attachment could not be read here; every figure below agrees
# across several independent secondary sources (../shared/sources/zero-carbon-park-2025.md). The
# header's status and readings say so in every output.
#
# Shape: pass/fail, no points. One core indicator (a veto: a park that misses it may not, in
# principle, apply for acceptance) and five guiding indicators (reference targets for acceptance;
# a park whose objective conditions rule one out may explain why, and it is then not part of its
# acceptance). parkscore counts a met indicator as 1 so that the scorecard says how many are met.
standard "zero-carbon-park" version "2025"
title "国家级零碳园区建设指标体系（试行）"
source "《关于开展零碳园区建设的通知》(发改环资〔2025〕910号) 附件3, read from secondary sources (provincial re-issues, press conferences as reported, commentaries): the official attachment was not read"
status "secondary"
date "2025-06-30"
total 6
effective "2025-06-30"
reading "no points in the scheme: a met indicator counts 1 here, so that the scorecard lists how many are met; the verdict is the core indicator's veto"
reading "tiers of the core indicator: 20万 tce is read as in the 0.2 tier (the sources write 20万—100万); exactly 100万 tce is in the 0.3 tier (≥100万)"
reading "the sources set no threshold for parks under 20万 tce a year: such a park gets no value for the core indicator (undefined), and so cannot pass its veto"
reading "no source says what a missed guiding indicator without an explanation entails (deduction or veto): it is reported as not met and does not decide the verdict"
reading "no official formula was found for the guiding indicators: each is taken as the rate or value a park reports, in %"
reading "in force from the notice's issue, 2025-06-30 (secondary sources): no source gives another start date, nor an end (试行)"

# 附件1 基本条件 (../shared/sources/zero-carbon-park-2025.md, "Basic conditions to apply"): what a park
# must be to apply at all; each is a yes/no fact the park shows, not established without it.
gate A1(1) provincial_zone "附件1 基本条件(一)：省级及以上开发区（省级开发区原则上列入最新版《中国开发区审核公告目录》），或近年批准设立的新兴产业园区、高新技术园区"
gate A1(2) clear_boundary "附件1 基本条件(二)：园区整体或边界清晰的园中园，由所在园区建设运营"
gate A1(3) carbon_accounting_base "附件1 基本条件(三)：具备能源消费和碳排放统计、核算、计量、监测的工作基础"
gate A1(4) no_major_incident "附件1 基本条件(四)：近3年未发生重大安全、环境事故及其他造成恶劣社会影响的事件"

input CO2_emitted              : tCO2 "园区二氧化碳排放量（按附件4《零碳园区碳排放核算方法（试行）》核算，仅CO2）"
input energy_consumed          : tce  "园区年综合能源消费量"
# 引导性指标: a park may explain, in its application, why one does not apply to it
input clean_energy_ruled_out   : bool "园区因客观条件无法满足清洁能源消费占比，并在申报材料中说明"
input product_energy_ruled_out : bool "园区因客观条件无法满足产品单位能耗指标，并在申报材料中说明"
input solid_waste_ruled_out    : bool "园区因客观条件无法满足工业固体废物综合利用率，并在申报材料中说明"
input waste_heat_ruled_out     : bool "园区因客观条件无法满足余热/余冷/余压综合利用率，并在申报材料中说明"
input water_reuse_ruled_out    : bool "园区因客观条件无法满足工业用水重复利用率，并在申报材料中说明"
