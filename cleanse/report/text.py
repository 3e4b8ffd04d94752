"""The text format, for people, shaped like ruff's:

    fixtures/001.txt:5:20: ENC001 [error] 'artÃculo' is 'artículo' whose ... (fix: 'í')
      |
    5 | 🔗 Comparte este artÃculo
      |                     ^ ENC001
      |

then one score line per file and, for several files, a total. The first line
of each finding is stable (scripts grep it); ``--quiet`` prints only those.

The source line is shown as a terminal would draw it, so the caret lands
under the span: wide (CJK, emoji) characters take two columns, combining marks
none, and characters a terminal would not show or would obey (control
characters, zero-width spaces, soft hyphens, bidi overrides) are printed as
visible stand-ins (``␛``, ``<U+200B>``). Long lines are cut to a window around
the span. Colour only on a terminal, never with NO_COLOR (the CLI decides).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..document import Document, Finding
from .base import Renderer, display_path, fix_note, visible_end

if TYPE_CHECKING:
    from ..batch import Outcome

WINDOW = 100  # display columns of source shown per finding
CONTEXT = 30  # columns kept before the span when a long line is cut
TAB = 4

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_GUTTER = "\x1b[1;34m"
_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_FAIL = "\x1b[1;31m"
_PASS = "\x1b[32m"


def glyph(ch: str) -> tuple[str, int]:
    """What to print for ``ch`` and how many columns it takes."""
    code = ord(ch)
    if ch == "\t":
        return " " * TAB, TAB
    if code < 0x20:
        return chr(0x2400 + code), 1  # Unicode control pictures: ␀ ␛ ...
    if code == 0x7F:
        return "\u2421", 1  # ␡
    category = unicodedata.category(ch)
    if 0x80 <= code < 0xA0 or (category == "Cf" and ch not in "\u200c\u200d") or category in ("Zl", "Zp"):
        # C1 controls, format characters (zero-width space, soft hyphen, BOM,
        # bidi overrides) and line separators: invisible or obeyed by a
        # terminal, so shown by name. Joiners stay: emoji and Indic need them.
        marker = f"<U+{code:04X}>"
        return marker, len(marker)
    if category in ("Mn", "Me") or ch in "\u200c\u200d":
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def snippet(line: str, start: int, end: int) -> tuple[str, int, int]:
    """``line`` as displayed, and the column and width the caret run takes for
    the characters ``[start, end)`` of it (at least one column)."""
    glyphs = [glyph(ch) for ch in line]
    widths = [w for _, w in glyphs]
    total = sum(widths)
    first, last = 0, len(line)
    if total > WINDOW:
        # keep up to CONTEXT columns before the span, then fill the window
        first, room = start, CONTEXT
        while first > 0 and widths[first - 1] <= room:
            first -= 1
            room -= widths[first]
        last, room = first, WINDOW
        while last < len(line) and widths[last] <= room:
            room -= widths[last]
            last += 1
        while first > 0 and widths[first - 1] <= room:  # span near the end: use the room on the left
            first -= 1
            room -= widths[first]
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(line) else ""
    shown = prefix + "".join(text for text, _ in glyphs[first:last]) + suffix
    column = len(prefix) + sum(widths[first:start])
    width = sum(widths[start : min(end, last)])
    return shown, column, max(1, width)


class TextRenderer(Renderer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files = 0
        self.records = 0  # of them, records of JSONL/Parquet files
        self.failing = 0
        self.unchecked = 0  # inputs and records that could not be read or cleaned (named on stderr)
        self.counts = {"error": 0, "warning": 0, "info": 0}

    def _paint(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.options.color else text

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        result = outcome.result
        if result is None:
            return
        self.files += 1
        self.records += outcome.record
        self.failing += bool(reasons)
        path = display_path(outcome)
        doc = Document(outcome.original) if self.options.source and outcome.original is not None else None
        write = self.stream.write
        for f in result.findings:
            self.counts[f.severity] = self.counts.get(f.severity, 0) + 1
            style = _SEVERITY.get(f.severity, _BOLD)
            write(f"{self._paint(path, _BOLD)}:{f.line}:{f.column}: {self._paint(f.rule, style)} "
                  f"[{f.severity}] {f.message}{fix_note(f)}\n")
            if doc is not None:
                self._snippet(doc, f, style)
        if self.options.summary:
            language = result.language or "?"
            count = len(result.findings)
            line = (f"{path}: score {result.score:.1f} -> {result.score_after:.1f} ({language}), "
                    f"{count} finding{'s' if count != 1 else ''}")
            if reasons:
                line += self._paint("; fails: " + "; ".join(reasons), _FAIL)
            write(line + "\n")

    def _snippet(self, doc: Document, f: Finding, style: str) -> None:
        line = doc.lines[f.line - 1]
        start = f.start - line.start
        end_offset = visible_end(doc.text, f)
        end = min(end_offset, line.end) - line.start
        shown, column, width = snippet(line.text, start, max(end, start))
        number = str(f.line)
        pad = " " * len(number)
        bar = self._paint("|", _GUTTER)
        note = f" {f.rule}"
        if end_offset > line.end:
            note += f" (to line {doc.position(end_offset)[0]})"
        write = self.stream.write
        write(f"{pad} {bar}\n")
        write(f"{self._paint(number, _GUTTER)} {bar} {shown}\n")
        write(f"{pad} {bar} {' ' * column}{self._paint('^' * width + note, style)}\n")
        write(f"{pad} {bar}\n\n")

    def error(self, outcome: Outcome) -> None:
        self.unchecked += not outcome.skipped

    def close(self) -> None:
        if not self.options.summary or self.files + self.unchecked < 2:
            return
        # A run whose inputs failed says so in its last line too: "all pass"
        # alone, above an exit status of 2, read as if everything was checked.
        more = f"{self.unchecked} more could not be checked" if self.unchecked else ""
        if not self.files:
            self.stream.write(f"Nothing checked: {self.unchecked} input{'s' if self.unchecked != 1 else ''} "
                              "could not be read.\n")
            return
        total = sum(self.counts.values())
        parts = ", ".join(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}"
                          for name, n in (("error", self.counts["error"]), ("warning", self.counts["warning"]),
                                          ("info", self.counts["info"])) if n)
        plural = "s" if self.files != 1 else ""
        unit = f"record{plural}" if self.records == self.files else "files and records" if self.records else f"file{plural}"
        line = f"Checked {self.files} {unit}: {total} finding{'s' if total != 1 else ''}"
        line += f" ({parts})" if parts else ""
        noun = "record" if self.records == self.files else "file"
        verdict = (self._paint(f"{self.failing} {noun}{'s' if self.failing != 1 else ''} fail{'s' if self.failing == 1 else ''}", _FAIL)
                   if self.failing else self._paint("all pass", _PASS))
        self.stream.write(f"{line}; {verdict}{'; ' + more if more else ''}.\n")


RENDERER = TextRenderer
