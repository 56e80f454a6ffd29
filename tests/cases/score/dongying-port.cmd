score examples/parks/dongying-port.yaml
