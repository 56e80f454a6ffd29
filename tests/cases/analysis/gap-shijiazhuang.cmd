gap examples/parks/shijiazhuang.yaml
