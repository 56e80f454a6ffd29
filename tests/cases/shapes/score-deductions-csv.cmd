score tests/shapes/deductions-parks.csv --standard tests/shapes/deductions --format csv
