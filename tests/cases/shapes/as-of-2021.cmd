score tests/shapes/safety-park-a.yaml --standard tests/families/safety-rules --as-of 2021-12-31
