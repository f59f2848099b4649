"""Entry point for ``python -m opsplan``."""

from opsplan.cli import main

main()
