explain tests/shapes/safety-park-veto.yaml --standard tests/shapes/safety-grades-v1
