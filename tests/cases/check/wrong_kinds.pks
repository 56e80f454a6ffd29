standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
input green_factory_list : items "绿色工厂"
input audits_done : bool "审核完成"
category env "环境绩效" max 3
indicator 7.4 green_factories "绿色工厂示范企业"
  unit 个 max 2
  points 1 per audits_done up to 2
indicator 7.5 rate "工业企业清洁生产通过审核率"
  unit % max 1
  require green_factory_list
  score rate >= 60 -> 1
  score rate < 60 -> 0
  level good -> 1 "好"
