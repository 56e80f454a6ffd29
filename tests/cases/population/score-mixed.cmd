score tests/cases/population/mixed.csv
