category env "环境绩效" max 3
