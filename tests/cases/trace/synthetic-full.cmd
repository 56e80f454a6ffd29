explain examples/parks/synthetic-complete.yaml
