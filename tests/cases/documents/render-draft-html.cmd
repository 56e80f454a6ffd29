render cpcif-green-park@2021-draft --format html
