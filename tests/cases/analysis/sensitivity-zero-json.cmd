sensitivity examples/parks/synthetic-complete.yaml --uncertainty 0% --runs 100 --format json
