explain tests/shapes/deductions-park.yaml --standard tests/shapes/deductions
