score examples/zero-carbon/synthetic-pass.yaml --standard zero-carbon-park@2025
