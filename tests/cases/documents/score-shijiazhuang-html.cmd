score examples/parks/shijiazhuang.yaml --format html
