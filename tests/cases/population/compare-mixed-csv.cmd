compare tests/cases/population/mixed.csv -s cpcif-green-park@2020 -s cpcif-green-park@2021-draft --format csv
