sensitivity examples/parks/synthetic-complete.yaml --uncertainty 5% --runs 1000
