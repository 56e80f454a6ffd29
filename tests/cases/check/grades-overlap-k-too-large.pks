standard "g" version "1"
title "grades that overlap; a k-of-n group asking too much"
source "test"
status "draft"
total 2
grade A "low" total < 1
grade B "high" total >= 0.5
category c "c" max 2 pass at least 3
indicator 1 a "a"
  max 1
  level yes -> 1 "yes"
  level no -> 0 "no"
indicator 2 b "b"
  max 1
  level yes -> 1 "yes"
  level no -> 0 "no"
