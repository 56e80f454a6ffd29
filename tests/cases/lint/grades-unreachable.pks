standard "g" version "1"
title "grades: one beyond the total, and a gap"
source "test"
status "draft"
total 2
grade A "low" total < 1
grade B "mid" 1.5 <= total <= 2
grade C "never" total > 100
category c "c" max 2
indicator 1 a "a"
  max 1
  level yes -> 1 "yes"
  level no -> 0 "no"
indicator 2 b "b"
  max 1
  level yes -> 1 "yes"
  level no -> 0 "no"
