check tests/shapes/cohort
