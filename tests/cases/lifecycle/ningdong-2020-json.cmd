status examples/histories/green-park-roster-2020.yaml --on 2020-06-30 --park 宁东 --format json
