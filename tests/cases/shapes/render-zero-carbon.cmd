render zero-carbon-park@2025 --format markdown
