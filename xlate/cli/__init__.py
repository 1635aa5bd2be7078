"""The command line (``xlate``), one module per command: each parses its options, calls one
library function and renders. ``main`` builds the parser and maps errors to exit codes in one
place; ``common`` holds what the commands share. Library modules are imported inside the
command functions, so ``xlate --help`` stays fast.
"""

from xlate.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
