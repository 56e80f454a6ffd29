score tests/shapes/cohort-parks.csv --standard tests/shapes/cohort --format csv
