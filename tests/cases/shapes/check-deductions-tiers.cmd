check tests/shapes/deductions tests/shapes/tiers
