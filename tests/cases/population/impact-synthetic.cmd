impact cpcif-green-park@2020 cpcif-green-park@2021-draft --parks examples/tables/synthetic-25.csv --parks examples/parks
