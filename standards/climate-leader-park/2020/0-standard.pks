# CCEEE《“气候领袖园区”评价指标（2020）》, as printed in
# CCEEE《“气候领袖园区”项目成果报告》(2021.05) 三(一), table over four pages.
standard "climate-leader-park" version "2020"
title "“气候领袖园区”评价指标（2020）"
source "CCEEE《气候领袖园区项目成果报告》(2021) 三(一)《“气候领袖园区”评价指标》"
status "adapted"
date "2020"
total 100
reading "the document gives weights but no points per criterion: every criterion is an expert-assessed level on parkscore's 0-3 scale (领先 3, 先进 2, 一般 1, 未体现 0), all criteria of a category weighing the same"
reading "the criterion 近三年来，园区的碳排放和(或)能效水平保持了持续改善 is scored from yearly figures: met (3) when carbon or energy performance improved over the three years ending with the park's evaluation period (its period; 2017-2019 in the source): three yearly values, each better than the one before; figures after the period are not read"
reading "no pass mark: the document ranks parks and chooses the best, so this standard does not qualify parks"
reading "不同类型的化工园区可选择适用指标 (the table's column head): here no criterion is optional; one the park does not report is no data and scores 0 (a criterion weighs 3.6 of 100 points in 先进性, 7.5 in 影响力, 2.3 in 未来成长性); the text's reading would leave it out and reweigh the others"
reading "the level wordings (领先 / 先进 / 一般 / 未体现) are ours: the document describes only what a leading park does"
reading "the table's last page (its rows carry no category label) is read as 未来成长性, the category the page continues"
reading "注1: the 先进性 criteria are defined and computed by GB/T 39217-2020《化工园区综合评价导则》, which parkscore does not encode; the park's levels are taken as assessed under it"
reading "注2: 未来成长性 is assessed after a 培育期: the levels are those reached at its end"
# No pass line and no gates: the document defines no pass mark (parks are ranked and the best
# chosen), so this standard ranks parks and does not qualify them.
#
# Weights: 先进性 40%, 影响力 30%, 未来成长性 30% (as printed). Each category contributes
# weight × points / max × 100.
#
# JUDGEMENT (the document gives weights but no points per criterion):
# * Every criterion bullet (•) is one expert-assessed indicator on a common scale of 0-3:
#     level leading  -> 3  领先
#     level advanced -> 2  先进
#     level basic    -> 1  一般
#     level none     -> 0  未体现
#   The indicator's title quotes the bullet; the `leading` wording quotes its 评价指标 details
#   (➢) compactly, in the document's words. All bullets weigh the same inside a category.
# * Exception: the bullet "近三年来，园区的碳排放和(或)能效水平保持了持续改善" (碳排放/能效水平)
#   is one criterion scored from yearly figures (A1.2, 0 or 3): met when any one of its four
#   measures improved over the three years ending with the park's evaluation period (2017-2019
#   in the source; seed line 678): carbon intensity decreasing, annual carbon reduction increasing, energy
#   intensity decreasing, or annual energy saved increasing ("和(或)": carbon or energy). Its
#   level-type sibling "处于领先或先进水平" stays an expert level (A1.1).
# * Clauses: A = 先进性, B = 影响力, C = 未来成长性; second digit = 评价内容 row (in printed
#   order), third = bullet within the row.
# * The row that opens the table's second page carries no 评价内容 label (it may continue the
#   merged cell of 技术水平 across the page break); it is named 基础设施 after its content
#   (A4). The four unlabeled rows after 管理水平 are read as 管理水平's merged cell (A5.2-A5.5).
#   The grouping does not change any score: points are summed per category.
# * In 示范引领 the ➢ details are not assigned to bullets; the two award ➢ go with B3.1, the
#   standards ➢ (参与或推动制定…标准、规范) with B3.2.
# * "不同类型的化工园区可选择适用指标": nothing here makes an indicator optional; a criterion the
#   park does not report is no data and scores 0 (A1.2 is no data only when none of its four
#   measures improved and one of them lacks three consecutive years).
# * 注2: 未来成长性 is assessed after a 培育期; the park data should give the levels reached at
#   the end of that period.
