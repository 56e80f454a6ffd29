render tests/shapes/safety-grades-v1 --format markdown
