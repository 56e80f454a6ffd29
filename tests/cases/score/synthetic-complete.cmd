score examples/parks/synthetic-complete.yaml
