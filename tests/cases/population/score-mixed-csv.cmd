score tests/cases/population/mixed.csv --format csv
