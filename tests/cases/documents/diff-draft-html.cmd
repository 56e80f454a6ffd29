diff cpcif-green-park@2020 cpcif-green-park@2021-draft --format html
