"""``python -m parkscore``: the command line."""
from parkscore.cli import main

main()
