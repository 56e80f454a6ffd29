score examples/parks/shangyu.yaml --standard cpcif-green-park@2019
