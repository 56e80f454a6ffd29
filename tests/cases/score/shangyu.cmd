score examples/parks/shangyu.yaml
