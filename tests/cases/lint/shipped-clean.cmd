lint cpcif-green-park@2020 cpcif-green-park@2021-draft climate-leader-park@2020
