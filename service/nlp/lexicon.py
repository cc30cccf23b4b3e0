"""Word lists from ``service/data/``: one entry a line, ``#`` starts a comment."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def norm(word: str) -> str:
    """Lower-case and fold ё, the way every lookup in the core compares words."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>``, comments and blank lines dropped."""
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A word list as a set of normalised words."""
    return frozenset(norm(line) for line in lines(name))
