explain examples/parks/synthetic-complete.yaml --standard climate-leader-park@2020 -i carbon_energy_improvement -i smart_park
