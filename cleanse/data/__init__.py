"""Phrase lists and lexicons, loaded once per process from the TOML files beside this module."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``cleanse/data/<name>.toml``."""
    with resources.files(__name__).joinpath(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def phrases(name: str, table: str) -> dict[str, frozenset[str]]:
    """``{language: phrases}`` of one table, lowercased."""
    return {lang: frozenset(p.lower() for p in items) for lang, items in load(name)[table].items()}


def all_phrases(name: str, table: str) -> dict[str, str]:
    """Every phrase of a table mapped to the first language that lists it."""
    merged: dict[str, str] = {}
    for lang, items in load(name)[table].items():
        for phrase in items:
            merged.setdefault(phrase.lower(), lang)
    return merged
