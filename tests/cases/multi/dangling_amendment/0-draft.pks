standard "cpcif-green-park" version "dangling"
title "an amendment with dangling overrides"
source "test case"
status "draft"
total 100
pass total >= 80
amends "cpcif-green-park@2020"

remove indicator honors
remove gate carbon_reductions
override indicator 7.99 hightec_share "化工企业中高新技术企业占比"
  unit % max 3
  score hightec_share >= 40 -> 3
  score hightec_share < 40 -> 0
override category industry "产业发展" max 16
indicator 7.1 chem_revenue "化工行业主营业务收入（重复）"
  unit 亿元 max 3
  score chem_revenue >= 500 -> 3
  score chem_revenue < 500 -> 0
