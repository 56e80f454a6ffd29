standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
input output : 万元 "产值"
category env "环境绩效" max 3
indicator 7.1 output "化工行业主营业务收入"
  unit 万元 max 3
  score output >= 1 -> 3
  score output < 1 -> 0
indicator 7.1 other "重复条款"
  unit 万元 max 0
  score other >= 0 -> 0
  score other < 0 -> 0
