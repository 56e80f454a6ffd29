check tests/cases/population/mixed.csv examples/parks
