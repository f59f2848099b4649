"""Entry point for ``python -m opsplan``: the console script's ``main``, so that both run a command line alike."""

from opsplan._entry import main

main()
