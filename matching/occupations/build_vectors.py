"""Rebuild ``data/occupation_vectors.npz`` (the stored ESCO label and description vectors):
``python -m matching.occupations.build_vectors``. Run it after the ESCO data files change; it takes about a minute.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from ..taxonomy import load_taxonomy
from .semantic import DIMENSIONS, VECTORS_FILE, build_vectors


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: encode the shipped taxonomy and write the vectors file."""
    parser = argparse.ArgumentParser(
        prog="python -m matching.occupations.build_vectors",
        description="Rebuild the stored ESCO label vectors.",
    )
    parser.add_argument("--output", type=Path, default=VECTORS_FILE)
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    args = parser.parse_args(argv)
    path = build_vectors(load_taxonomy(), args.output, args.dimensions)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
