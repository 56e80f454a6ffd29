compare examples/parks/synthetic-complete.yaml --standard cpcif-green-park@2020 --standard cpcif-green-park@2021-draft --format csv
