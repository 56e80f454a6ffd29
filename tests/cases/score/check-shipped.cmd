check cpcif-green-park@2020
