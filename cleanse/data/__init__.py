"""Phrase lists and lexicons, loaded once per process from the TOML files beside this module."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from importlib import resources
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


Built = TypeVar("Built")


@contextmanager
def collection_paused() -> Iterator[None]:
    """The garbage collector paused while a model or lexicon is built.

    A build allocates hundreds of thousands of tuples, lists and dicts that all
    survive, and each full collection it triggers walks everything built so
    far, to free nothing: loading the word list, character model, CMU
    dictionary and hyphenation patterns ran 769 collections, 0.1 s of a
    worker's 1.1 s of loading. The data holds no reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def built_once(build: Callable[..., Built]) -> Callable[..., Built]:
    """``functools.cache`` for a function that builds a model or lexicon, run
    with the collector paused (:func:`collection_paused`)."""

    @cache
    @wraps(build)
    def once(*args: Any) -> Built:
        with collection_paused():
            return build(*args)

    return once


@built_once
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
