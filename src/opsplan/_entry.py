"""The ``opsplan`` console script: answers a lone ``--version`` before typer is imported.

Importing typer (and the click inside it) costs several times Python's own start-up, and that is the
whole cost of printing the version. ``main`` prints the version itself when it is the only argument;
every other command line, ``--help`` included, goes to ``opsplan.cli.main`` unchanged. The output and
exit code are the same either way.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the ``opsplan`` command line, with a fast path for a lone ``--version``."""
    if sys.argv[1:] == ["--version"]:
        from opsplan import __version__
        from opsplan.streams import guarded_streams

        with guarded_streams():
            sys.stdout.write(f"opsplan {__version__}\n")
    # pydantic looks for plugins (an entry-point scan) when it builds the first model; opsplan uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from opsplan.cli import main as cli_main

    cli_main()
