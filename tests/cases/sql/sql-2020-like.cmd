sql cpcif-green-park@2020 --like examples/tables/synthetic-25.csv --table "read_csv('examples/tables/synthetic-25.csv')"
