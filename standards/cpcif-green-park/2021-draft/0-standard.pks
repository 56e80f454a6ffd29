# ILLUSTRATIVE DRAFT - NOT AN OFFICIAL TEXT.
# 示例草案：这不是中国石油和化学工业联合会（CPCIF）发布或起草的文本。它是为 parkscore 编写的
# 一份说明性“2021 修订草案”，用来演示修订（amends）机制：以 cpcif-green-park@2020（报批稿）为
# 底本，只写出改动之处。所有新增阈值均为示例取值，不得用于实际评价。
#
# Changes against cpcif-green-park@2020, with reasons:
#
# 1. Erratum (1-errata.pks). 7.18 ammonia_intensity: 表17 of the 2020 报批稿 prints the 2分 row as
#    "0.005 < x <= 0.1", which overlaps the 1分 row "0.01 < x <= 0.02" and makes it unreachable.
#    The draft corrects the text to 0.005 < x <= 0.01 (the 2020 encoding already scored the
#    intended reading; the change is now in the text, with the old printing cited on that row).
#
# 2. New category carbon "碳排放" max 6 (3-carbon.pks), modelled on the 先进性 criteria of
#    CCEEE《"气候领袖园区"评价指标（2020）》: 碳排放水平 - 万元工业总产值碳排放强度
#    "处于先进水平，近三年来保持持续改善".
#    7.38 carbon_intensity (new, max 3): CO2_emitted / industrial_output, tCO2/万元.
#         <= 0.5 -> 3, 0.5 < x <= 1.0 -> 2, 1.0 < x <= 2.0 -> 1, > 2.0 -> 0 (illustrative).
#    7.39 carbon_intensity_trend (new, max 3): carbon intensity by year, strictly decreasing over
#         the latest 3 years -> 3 ("近三年来保持持续改善").
#    New inputs: CO2_emitted (tCO2), carbon_intensity_by_year (tCO2/万元 by year).
#
# 3. Rebalancing (2-rebalance.pks): the 6 carbon points are taken from indicators that measure
#    size, designation or land productivity rather than green performance, so the total stays 100.
#    Re-pointing rule used throughout: the full-marks threshold and the 指标要求 threshold (lowest
#    non-zero band) are kept; the middle bands are merged downwards.
#    7.1  chem_revenue           max 3 -> 2: revenue measures scale, not greenness.
#         >=500 -> 2, 500 > x >= 100 -> 1, < 100 -> 0 (the 300 step is dropped).
#    7.2  hightech_share         max 3 -> 2: 高新技术企业 is a tax/innovation designation; the
#         气候领袖园区 criteria list it only as a secondary 技术水平 item.
#         >=40 -> 2, 40 > x >= 20 -> 1, < 20 -> 0 (the 30 step is dropped).
#    7.3  industry_linkage       max 5 -> 4: the largest single indicator of 2020; kept high
#         (circular economy) but brought closer to the others.
#         >=80 -> 4, 70..80 -> 3, 60..70 -> 2, 40..60 -> 1, < 40 -> 0 (the 50 step is dropped).
#    7.28 land_revenue_intensity max 3 -> 2: 7.27/7.28/7.29 all measure land productivity, and
#         revenue and tax per km2 move together; three full-weight indicators over-count it.
#         >=40 -> 2, 40 > x >= 20 -> 1, < 20 -> 0 (the 30 step is dropped).
#    7.29 land_tax_intensity     max 3 -> 2: same reason.
#         >=3.0 -> 2, 3.0 > x >= 1.5 -> 1, < 1.5 -> 0 (the 2.0 step is dropped).
#    7.34 honours                max 2 -> 1: titles awarded by other programmes (some by CPCIF
#         itself) reward a record the other indicators already measure; one point is kept.
#    Category maxima: industry 16 -> 13, resources 23 -> 21, management 14 -> 13;
#    infrastructure 17 and environment 30 unchanged; carbon 6 new. 13+17+30+21+13+6 = 100.
#
# Header, gates and pass mark are otherwise those of 2020 (the header is restated because a
# version's header is not inherited).
standard "cpcif-green-park" version "2021-draft"
title "绿色化工园区评价导则（2021 修订草案，示例）"
source "示例草案：为 parkscore 编写的说明性修订草案，非中国石油和化学工业联合会（CPCIF）文本；底本 cpcif-green-park@2020，碳排放指标参照 CCEEE《气候领袖园区项目成果报告》(2021) 三(一) 先进性"
status "draft"
date "2021"
total 100
pass total >= 80 "6.3(2) 综合得分80分以上的可参加绿色化工园区评选: 以上 includes 80 (unchanged from 2020)"
amends "cpcif-green-park@2020"
illustrative "written for parkscore to show how a committee drafts an amendment; not a CPCIF text: its new thresholds are examples, not for real evaluations"
