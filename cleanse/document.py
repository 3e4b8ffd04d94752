"""The objects every other module shares: a Document with its line table,
the Finding a detector reports, and the Result a caller gets back.

Offsets are code-point offsets into the ORIGINAL text (what Python's ``str``
indexing uses), end exclusive. Lines are split on ``\\r\\n``, ``\\r`` and ``\\n``
only: ``str.splitlines`` would also split on U+2028, form feeds and the C1
"next line" character, and then a file with a stray ``\\x85`` (a cp1252 ellipsis
read as Latin-1) would report every later finding on the wrong line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document: ``text`` excludes its terminator."""

    index: int  # 0-based
    start: int  # offset of the first character
    end: int  # offset just past the last character, before the terminator
    text: str
    terminator: str  # "\n", "\r\n", "\r" or "" for a last line without one

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class Document:
    """A text and its line table, built once and shared by all detectors."""

    __slots__ = ("text", "lines", "_starts", "derived")

    def __init__(self, text: str) -> None:
        self.text = text
        # What more than one detector reads off the text, computed once by the
        # first that asks (detectors.textutil.letter_words).
        self.derived: dict[str, Any] = {}
        lines: list[Line] = []
        pos = 0
        for match in LINE_BREAK.finditer(text):
            lines.append(Line(len(lines), pos, match.start(), text[pos : match.start()], match.group()))
            pos = match.end()
        if pos < len(text) or not lines:
            lines.append(Line(len(lines), pos, len(text), text[pos:], ""))
        self.lines = lines
        self._starts = [line.start for line in lines]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset`` (a terminator belongs to its line)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; the column counts code points."""
        index = self.line_index(offset)
        return index + 1, offset - self._starts[index] + 1

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)


@dataclass(slots=True)
class Finding:
    """One defect: which rule, where (offsets into the original text), why, and the fix.

    ``replacement`` is what the cleaner puts in place of ``[start, end)``:
    ``""`` removes the span, ``None`` means the finding is reported only.
    """

    rule: str
    name: str
    category: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    message: str
    replacement: str | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        # Every field holds a str, int, float or None, so this is what
        # dataclasses.asdict returns, in a fourteenth of its time: asdict
        # deep-copies each value, and a JSONL output row holds every finding
        # of its record (a news article's 16 cost 0.2 ms).
        return dict(zip(_FINDING_FIELDS, _finding_values(self), strict=True))

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # Pickled as its field values, rebuilt by __init__: batch workers send
        # every finding back to the parent, and a slotted dataclass's default
        # (a __getstate__ and a __setstate__ in Python per finding) took twice
        # as long both ways.
        return Finding, _finding_values(self)


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_finding_values = attrgetter(*_FINDING_FIELDS)  # the field values as a tuple, in __init__'s order


@dataclass(slots=True)
class Result:
    """What :func:`cleanse.clean` returns."""

    text: str
    score: float
    score_after: float
    language: str | None
    findings: list[Finding]
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract, without a path."""
        return {
            "score": self.score,
            "score_after": self.score_after,
            "language": self.language,
            "findings": [f.to_dict() for f in self.findings],
            "metrics": self.metrics,
        }
