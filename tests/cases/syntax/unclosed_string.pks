standard "demo" version "1"
title "demo"
source "test case"
status "draft"
total 3
pass total >= 2
category env "环境绩效 max 3
