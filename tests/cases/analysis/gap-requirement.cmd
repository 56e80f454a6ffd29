gap tests/cases/trace/kinds.yaml --target 15
