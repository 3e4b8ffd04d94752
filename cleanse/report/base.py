"""What every renderer shares: the interface the CLI drives and the geometry
of a finding (where its span ends, how to show a fix).

A renderer is told about each input as it is processed (``file``, or
``error`` for one that could not be read) and finishes with ``close``. Stream
formats (text, jsonl, github, diff) write as they go; document formats (json,
sarif, html) collect and write on ``close``. The CLI never knows which it is
driving, so a new format is one new module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

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


# A file name that is not UTF-8 reaches Python with each bad byte as a lone
# surrogate (PEP 383): Latin-1 `caf\xe9.txt` is 'caf\udce9.txt'. UTF-8 cannot
# encode one, so SARIF's URI quoting raised on it and lost the whole report,
# and JSON got "caf\udce9.txt", an escape strict parsers (Rust's serde_json) reject.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not read: that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"  # any other lone surrogate (a record's id from JSON "\ud800")


def printable(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 written as
    ``\\xNN`` (``caf\\xe9.txt``), as Python's ``backslashreplace`` writes
    bytes: the one form every report and message uses for such a name."""
    return _SURROGATE.sub(lambda m: _escaped(m.group()), text)


def json_text(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON (UTF-8 text, not ASCII escapes) that any parser
    accepts: a file name's stray byte is the string ``caf\\xe9.txt``, as
    :func:`printable` writes it, never a lone ``\\udce9``."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # Surrogates only ever stand inside JSON strings, where the backslash of
    # the escaped form must itself be escaped.
    return _SURROGATE.sub(lambda m: _escaped(m.group()).replace("\\", "\\\\"), text)


def display_path(outcome: Outcome) -> str:
    return "<stdin>" if outcome.input.path == "-" else printable(outcome.input.path)


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
