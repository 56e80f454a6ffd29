# ILLUSTRATIVE DRAFT, not a CPCIF text. Erratum of 表17 (see 0-standard.pks, change 1).
# The 2020 报批稿 prints the 2分 row of 表17 as "0.005<单位工业总产值氨氮排放量 (kg/万元) ≤0.1",
# overlapping the 1分 row (0.01, 0.02]. The rows step 0.005 / 0.01 / 0.02 and 指标要求 is ≤0.02,
# so the intended bound is 0.01; the draft prints it so.

override indicator 7.18 ammonia_intensity "单位工业总产值氨氮排放量"
  unit kg/万元 max 3 table 17 requirement <= 0.02
  ammonia_intensity = ammonia_emitted / industrial_output
  score ammonia_intensity <= 0.005 -> 3
  score 0.005 < ammonia_intensity <= 0.01 -> 2 "0.005<单位工业总产值氨氮排放量 (kg/万元) ≤0.01（勘误：2020 报批稿表17 误印为 ≤0.1）"
  score 0.01 < ammonia_intensity <= 0.02 -> 1
  score ammonia_intensity > 0.02 -> 0
