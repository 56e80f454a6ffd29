compare examples/parks --standard cpcif-green-park@2020 --standard cpcif-green-park@2021-draft --format html
