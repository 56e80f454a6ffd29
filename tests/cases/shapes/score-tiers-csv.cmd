score tests/shapes/tiers-parks.csv --standard tests/shapes/tiers --format csv
