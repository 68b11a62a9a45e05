"""``python -m matching``: see matching/cli.py and /shared/contracts/MATCHING_CLI.md."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
