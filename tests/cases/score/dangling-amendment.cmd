score examples/parks/synthetic-complete.yaml --standard tests/cases/multi/dangling_amendment
