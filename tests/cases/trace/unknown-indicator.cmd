explain tests/cases/trace/kinds.yaml -i COD_intensty
