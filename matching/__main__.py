"""``python -m matching``: see matching/cli.py and matching/CLI.md."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
