score examples/parks/shijiazhuang.yaml --format markdown
