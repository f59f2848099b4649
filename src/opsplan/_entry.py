"""The ``opsplan`` console script: answers ``opsplan --version`` before the command line library loads.

Importing typer (and click inside it) costs several times Python's own start-up, which is the whole
cost of printing the version. ``main`` prints the version itself when that is the only argument and
hands every other command line to ``opsplan.cli.main`` unchanged (same output, same exit code).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the ``opsplan`` command line, with a fast path for a lone ``--version``."""
    if sys.argv[1:] == ["--version"]:
        from opsplan import __version__

        sys.stdout.write(f"opsplan {__version__}\n")
        sys.stdout.flush()
        return
    from opsplan.cli import main as cli_main

    cli_main()
