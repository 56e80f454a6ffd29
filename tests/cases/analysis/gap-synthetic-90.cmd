gap examples/parks/synthetic-complete.yaml --target 90
