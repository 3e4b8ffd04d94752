"""pyphen's hyphenation dictionaries, read faster: the syllable counts of the
readability figures (metrics.py, as textstat counts them) come from them.

pyphen parses a ``hyph_*.dic`` file in Python, a regex findall and an
``int()`` for every character of every pattern: German's 66,000 patterns
take 0.5 s, and every process pays it (each batch worker, each ``cleanse
check`` of a German file). The reader here builds the same pattern table
with byte operations over the whole file, three times faster (German 0.53 s
-> 0.18 s), and hands pyphen a ``HyphDict`` holding it, so pyphen's own code
still hyphenates.

It takes the files it can read exactly: those without pyphen's
nonstandard-hyphenation alternatives (``c1/c=,1,1``, Hungarian) or ``^^hh``
escapes (Afrikaans). Those are left to pyphen, and so is every file when
pyphen's internals are not what this reader fills in (no ``hdcache``, or a
``HyphDict`` that cannot hyphenate with the three attributes it is given).
tests/test_hyphenation.py compares the table of every bundled dictionary
with pyphen's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .data import built_once

_DIGITS = "0123456789"
_DIGIT_RUNS = re.compile("[0-9]+")
# Every byte of a Latin-1 pattern file as its class: a digit stays itself, a
# line end stays, anything else is `x` (`.ab1c` -> `xxx1x`).
_LATIN1_CLASSES = bytes(b if chr(b) in _DIGITS + "\n" else ord("x") for b in range(256))
# The digit characters as the values they stand for (b"01" -> b"\x00\x01"),
# so that a tuple() of them is the ints pyphen stores.
_DIGIT_VALUES = bytes.maketrans(_DIGITS.encode(), bytes(range(10)))
# Lines pyphen skips (its `ignored`): comments and the hyphen-minimum settings.
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The pattern table pyphen's ``HyphDict(path)`` builds (pattern letters ->
    offset of the first nonzero value, the values from there to the last
    nonzero one), or None for a file this reader leaves to pyphen."""
    with path.open("rb") as handle:
        # As pyphen reads it, newline and all (the codec lookup ignores it).
        # The bundled files name ISO8859-1, -2, -5, -7, -13, -15 or UTF-8.
        encoding = handle.readline().decode()
    lines = [line for line in map(str.strip, path.read_text(encoding).split("\n")[1:])
             if line and not line.startswith(_IGNORED)]
    body = "\n".join(lines)
    others = set(body).difference(_DIGITS + "\n")
    if any(c.isdecimal() for c in others):
        return None  # pyphen's `\d` reads other scripts' digits too, and int() does; lstrip("0") would not
    if "^^" in body or ("/" in body and any("/" in line and "=" in line for line in lines)):
        return None  # pyphen's escapes and alternatives
    return dict(_parsed(body, others))


def _parsed(body: str, others: set[str]) -> Iterator[tuple[str, tuple[int, tuple[int, ...]]]]:
    r"""(letters, (offset, values)) of each pattern of ``body`` with a nonzero
    value, all lines parsed at once.

    pyphen reads a pattern with a findall of `(\d?)(\D?)`: a slot for each
    digit (with the letter after it) and for each letter without a digit
    before it. Written as digits (`x` for a letter), a `0` goes before each
    `x` that has no digit: `.ab1c` -> `xxx1x` -> `0x0x0x1x`, values 0,0,0,1.
    German's `blut11harn1stoff` gets two slots between `t` and `h` in both
    readings."""
    try:
        classes = body.encode("latin-1").translate(_LATIN1_CLASSES)
    except UnicodeEncodeError:  # Cyrillic, Greek, Indic: the same classes, through a table of this file's letters
        classes = body.translate(dict.fromkeys(map(ord, others), "x")).encode("ascii")
    # `xx` -> `x0x` twice leaves no `xx`: the first pass leaves only pairs
    # apart (`xxxx` -> `x0xx0x`), the second splits those.
    numbered = (b"\n" + classes).replace(b"\nx", b"\n0x").replace(b"xx", b"x0x").replace(b"xx", b"x0x")
    slot_values = numbered.translate(_DIGIT_VALUES, b"x").split(b"\n")[1:]
    for letters, values in zip(_DIGIT_RUNS.sub("", body).split("\n"), slot_values, strict=True):
        nonzero = values.lstrip(b"\0")
        core = nonzero.rstrip(b"\0")
        if core:  # a pattern of zeros only is skipped, by pyphen too
            yield letters, (len(values) - len(nonzero), tuple(core))


@built_once
def hyphenator(language: str) -> Any:
    """textstat's pyphen object for ``language``, its dictionary read by
    :func:`patterns` when that reader takes the file."""
    import pyphen
    from textstat.backend.utils._get_pyphen import get_pyphen

    path = pyphen.LANGUAGES.get(pyphen.language_fallback(language) or "")
    cache = getattr(pyphen, "hdcache", None)
    if path is not None and isinstance(cache, dict) and path not in cache:
        table = patterns(path)
        hyph = _hyph_dict(pyphen.HyphDict, table) if table else None
        if hyph is not None:
            cache[path] = hyph
    return get_pyphen(language)


def _hyph_dict(cls: type, table: dict[str, tuple[int, tuple[int, ...]]]) -> Any | None:
    """A ``HyphDict`` holding ``table``, with what its ``__init__`` sets
    besides it (pyphen 0.18: ``patterns``, ``cache``, ``maxlen``), or None
    when a word cannot be hyphenated with those (a later pyphen that reads
    another attribute)."""
    hyph = cls.__new__(cls)
    hyph.patterns = table
    hyph.cache = {}
    hyph.maxlen = max(map(len, table))
    try:
        hyph.positions("hyphenation")
    except (AttributeError, TypeError):
        return None
    hyph.cache.clear()
    return hyph
