score examples/parks/synthetic-complete.yaml --standard climate-leader-park@2020 --format markdown
