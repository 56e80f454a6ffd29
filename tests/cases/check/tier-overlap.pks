standard "t" version "1"
title "tiers that overlap and leave a gap"
source "test"
status "draft"
total 1
input x : t "x"
input size : tce "size"
category c "c" max 1
indicator 1 v "v"
  unit t max 1
  v = x
  score v <= 1 -> 1 when 100 <= size < 1000
  score v > 1 -> 0 when 100 <= size < 1000
  score v <= 2 -> 1 when size >= 500
  score v > 2 -> 0 when size >= 500
