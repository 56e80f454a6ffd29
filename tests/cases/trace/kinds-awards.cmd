explain tests/cases/trace/kinds.yaml --mode awards
