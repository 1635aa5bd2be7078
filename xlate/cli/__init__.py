"""The command line (``xlate``): ``main`` parses, runs one command, maps errors to exit codes."""

from xlate.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
