"""`python -m cleaner` runs the CLI."""

from ._entry import main

main()
