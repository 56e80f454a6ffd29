status examples/histories/green-park-roster-2020.yaml --on 2022-12-31 --park 东营港
