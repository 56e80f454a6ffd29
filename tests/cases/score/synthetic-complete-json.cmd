score examples/parks/synthetic-complete.yaml --format json
