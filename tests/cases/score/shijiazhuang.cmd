score examples/parks/shijiazhuang.yaml
