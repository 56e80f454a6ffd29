explain examples/zero-carbon/synthetic-veto.yaml --standard zero-carbon-park@2025 -i C1
