"""Where the ontology and the shipped data live, in a checkout and in an installed wheel.

The wheel carries the top-level ``ontology/`` and ``data/`` folders inside the package as
``graph/_ontology`` and ``graph/_data`` (see ``pyproject.toml``), so the CLI works after a
non-editable install, from any directory.
"""

from __future__ import annotations

from pathlib import Path

#: The package folder (``graph/``): this module lives in ``graph/core/``.
_PKG = Path(__file__).resolve().parent.parent


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def ontology_dir() -> Path:
    """The folder holding ``aikg.ttl`` and ``shapes.ttl``."""
    return _first(_PKG / "_ontology", _PKG.parent / "ontology")


def data_dir() -> Path:
    """The folder holding ``actors.ttl`` and one sub-folder per layer."""
    return _first(_PKG / "_data", _PKG.parent / "data")


def ontology_file() -> Path:
    return ontology_dir() / "aikg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def layer_names() -> list[str]:
    """Shipped layers: each sub-folder of ``data/`` holding Turtle files, in sorted order."""
    return sorted(p.name for p in data_dir().iterdir() if p.is_dir() and any(p.glob("*.ttl")))


def layer_files(name: str) -> list[Path]:
    return sorted((data_dir() / name).glob("*.ttl"))
