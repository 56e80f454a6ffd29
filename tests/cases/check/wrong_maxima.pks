standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
category env "环境绩效" max 4
indicator 7.1 chem_revenue "化工行业主营业务收入"
  unit 亿元 max 3
  score chem_revenue >= 300 -> 2
  score chem_revenue < 300 -> 0
indicator 7.6 water_supply "工业供水体系"
  max 2
  level complete -> 3 "建立工业供水体系，体系相对完整"
  level none -> 0 "未建立工业供水体系"
  level none -> 0 "重复"
