"""What every renderer shares: the interface the CLI drives and the geometry
of a finding (where its span ends, how to show a fix).

A renderer is told about each input as it is processed (``file``, or
``error`` for one that could not be read) and finishes with ``close``. Stream
formats (text, jsonl, github, diff) write as they go; document formats (json,
sarif, html) collect and write on ``close``. The CLI never knows which it is
driving, so a new format is one new module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from ..document import Document, Finding

if TYPE_CHECKING:
    from ..batch import Outcome


@dataclass(frozen=True)
class Options:
    """How to render. ``source`` and ``color`` matter to the text format only."""

    command: str = "check"  # "check" or "clean": which score a verdict uses
    color: bool = False
    source: bool = True  # show the source line with a caret under the span
    summary: bool = True  # per-file score lines and a closing total


class Renderer:
    """Base class: subclasses override what their format needs."""

    def __init__(self, stream: TextIO, options: Options | None = None) -> None:
        self.stream = stream
        self.options = options or Options()

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        """One cleaned input; ``reasons`` says why it fails (empty: it passes)."""

    def error(self, outcome: Outcome) -> None:
        """An input that could not be read (the CLI has already said so on stderr)."""

    def close(self) -> None:
        """Everything has been seen: document formats write here."""


def display_path(outcome: Outcome) -> str:
    return "<stdin>" if outcome.input.path == "-" else outcome.input.path


def fix_note(finding: Finding) -> str:
    """`` (removed)``, `` (fix: 'í')`` or nothing for a report-only finding."""
    if finding.replacement == "":
        return " (removed)"
    if finding.replacement is not None:
        return f" (fix: {finding.replacement!r})"
    return ""


def visible_end(text: str, finding: Finding) -> int:
    """The end offset without a trailing line terminator, so a removed line
    ends on its own line rather than at column 1 of the next."""
    end = finding.end
    while end > finding.start and text[end - 1] in "\r\n":
        end -= 1
    return end


def end_position(doc: Document, finding: Finding) -> tuple[int, int]:
    """1-based (line, column) just past the span's last visible character
    (exclusive, as SARIF regions and ruff's github output count)."""
    end = visible_end(doc.text, finding)
    if end <= finding.start:
        return finding.line, finding.column
    return doc.position(end)
