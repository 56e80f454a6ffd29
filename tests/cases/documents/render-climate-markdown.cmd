render climate-leader-park@2020 --format markdown
