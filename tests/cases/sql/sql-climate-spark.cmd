sql climate-leader-park@2020 --dialect spark --years 2017-2019
