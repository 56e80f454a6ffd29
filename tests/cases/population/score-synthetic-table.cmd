score examples/tables/synthetic-25.csv
