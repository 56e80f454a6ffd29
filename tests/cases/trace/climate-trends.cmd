explain examples/parks/synthetic-complete.yaml --standard climate-leader-park@2020 -i carbon_intensity_trend -i energy_saving_trend -i smart_park
