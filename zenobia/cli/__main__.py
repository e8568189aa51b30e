"""`python -m zenobia.cli`: the command line."""

from zenobia.cli import main

main()
