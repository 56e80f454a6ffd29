sensitivity examples/parks/synthetic-complete.yaml --uncertainty ten
