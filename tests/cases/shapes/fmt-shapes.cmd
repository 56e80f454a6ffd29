fmt --check tests/shapes
