score tests/shapes/safety-park-a.yaml --standard tests/families/safety-rules --as-of 2022-01-01
