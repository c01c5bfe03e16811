"""The console script's entry point: a Ctrl-C while the CLI's modules load ends quietly too."""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130  # as cleaner.cli.EXIT_INTERRUPTED, which cannot be imported before the CLI is


def main() -> None:
    """Load the CLI and run it; a Ctrl-C during the load (a second or so) exits 130 with no traceback."""
    try:
        from cleaner.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\ncleaner: interrupted\n")
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    run()
