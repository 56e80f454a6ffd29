check tests/shapes/safety-grades-v1
