schema --standard cpcif-green-park@2020 --format json
