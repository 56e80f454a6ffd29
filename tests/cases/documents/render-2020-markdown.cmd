render cpcif-green-park@2020 --format markdown
