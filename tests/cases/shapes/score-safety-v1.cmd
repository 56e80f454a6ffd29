score tests/shapes/safety-park-a.yaml --standard tests/shapes/safety-grades-v1
