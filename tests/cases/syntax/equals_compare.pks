standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
category env "环境绩效" max 3
indicator 7.31 info_disclosure "信息公开制度"
  unit 个 max 3
  score info_disclosure = 1 -> 3
