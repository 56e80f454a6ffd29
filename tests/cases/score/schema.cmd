schema --standard cpcif-green-park@2020
