diff tests/shapes/safety-grades-v1 tests/shapes/safety-grades-v2
