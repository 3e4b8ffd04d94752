"""Applying edits: overlap resolution, whitespace around removals, line removal,
and the offset map between the original text and a repaired view of it.

An edit is ``(start, end, replacement)`` in original offsets. Two rules keep
the cleaned text readable:

* a line whose every visible character is removed goes away with its line
  terminator, so removing ``Author: HGV`` leaves no empty line behind; a line
  that had none (``\\x00`` alone) stays, blank, as the detectors read it;
* a blank line that a removal pushes against another blank line, or against
  the start or end of the text, goes too; blank runs the author wrote stay.

Line terminators are never rewritten: a CRLF file stays CRLF.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .document import Document

_HSPACE = " \t\u00a0\u3000"
# Characters that leave a line looking empty: whitespace, and the zero-width
# and control characters the encoding rules remove ("\u200b Share this").
_VISIBLE = re.compile(r"[^\s\u200b\u2060\ufeff\x00-\x1f\x7f]")


def looks_blank(text: str) -> bool:
    """No character of ``text`` is seen: `\\x00` alone reads as a blank line."""
    return _VISIBLE.search(text) is None


def _visible_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the first visible character of ``text[start:end]`` and just
    past its last one (``(end, start)`` when there is none)."""
    first = _VISIBLE.search(text, start, end)
    if first is None:
        return end, start
    last = first.start()
    for match in _VISIBLE.finditer(text, first.start(), end):
        last = match.start()
    return first.start(), last + 1


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str
    priority: int = 0  # higher wins a partial overlap (removals outrank repairs)


def resolve(edits: Iterable[Edit]) -> list[Edit]:
    """Non-overlapping edits, sorted. An edit nested in another is dropped (the
    outer one wins: a mojibake repair inside a removed line disappears with the
    line); of two partly overlapping edits the higher priority, then the
    earlier, wins. Empty insertions are kept in order."""
    ordered = sorted(edits, key=lambda e: (e.start, -(e.end - e.start), -e.priority))
    kept: list[Edit] = []
    for edit in ordered:
        if kept and edit.start < kept[-1].end:
            last = kept[-1]
            if edit.end <= last.end:
                continue  # nested
            if edit.replacement == "" and last.replacement == "":
                # Two removals that overlap remove their union: a zero-width
                # space removed with the space after it, then the share line
                # that starts at that space.
                kept[-1] = Edit(last.start, edit.end, "", max(last.priority, edit.priority))
            elif edit.priority > last.priority:
                kept[-1] = edit
            continue
        kept.append(edit)
    return kept


def widen_removal(text: str, doc: Document, start: int, end: int,
                  bounds: dict[int, tuple[int, int]] | None = None) -> tuple[int, int]:
    """The span a removal should really take so no stray spaces are left behind.

    ``"... solution. Photo: EFE."``: removing ``Photo: EFE.`` also takes the
    space before it, or the line would end in a space. A removal in the middle
    of a line takes one side's spaces so two words do not end up separated by
    two spaces. A removal that covers every visible character of a line takes
    the whole line content (the terminator is handled by :func:`apply`).

    ``bounds`` caches each line's visible extent across calls: a line of
    100,000 control characters gets as many removals, and scanning the line
    for each of them would take quadratic time.
    """
    line = doc.lines[doc.line_index(start)]
    if end > line.end:  # spans lines: leave as given
        return start, end
    if bounds is None:
        bounds = {}
    if line.index not in bounds:
        bounds[line.index] = _visible_bounds(text, line.start, line.end)
    first, last = bounds[line.index]
    blank_before, blank_after = first >= start, last <= end
    if blank_before and blank_after:
        return line.start, line.end
    if blank_after:
        while start > line.start and text[start - 1] in _HSPACE:
            start -= 1
        return start, line.end
    if blank_before:
        while end < line.end and text[end] in _HSPACE:
            end += 1
        return start, end
    if start > line.start and text[start - 1] in _HSPACE:
        while end < line.end and text[end] in _HSPACE:
            end += 1
    return start, end


def apply(doc: Document, edits: Sequence[Edit]) -> str:
    """The text with resolved, non-overlapping, single-line ``edits`` applied."""
    if not edits:
        return doc.text
    text = doc.text
    by_line: dict[int, list[Edit]] = {}
    for edit in edits:
        by_line.setdefault(doc.line_index(edit.start), []).append(edit)
    entries: list[tuple[str, str, bool, bool]] = []  # (content, terminator, blank, dropped)
    separators: list[int] = []  # entries of lines emptied that had only control characters
    for line in doc.lines:
        line_edits = by_line.get(line.index)
        if not line_edits:
            entries.append((line.text, line.terminator, line.is_blank, False))
            continue
        pieces, pos = [], line.start
        for edit in line_edits:
            pieces.append(text[pos : edit.start])
            pieces.append(edit.replacement)
            pos = edit.end
        pieces.append(text[pos : line.end])
        content = "".join(pieces)
        if not content.strip() and not line.is_blank:
            if looks_blank(line.text):
                separators.append(len(entries))
                entries.append(("", line.terminator, True, False))
                continue
            entries.append(("", "", True, True))
            continue
        if content != content.rstrip() and line.text == line.text.rstrip():
            content = content.rstrip()
        entries.append((content, line.terminator, not content.strip(), False))
    if separators:
        _keep_separators(entries, separators)
    return "".join(content + terminator for content, terminator in _tidy_blank_lines(entries))


def _keep_separators(entries: list[tuple[str, str, bool, bool]], separators: list[int]) -> None:
    """A line of control characters only (`\\x00`) is blank to the detectors,
    which read the text with them removed. Between two lines of text it stays,
    blank: dropped, it joined the two, and a second pass read one wrapped
    paragraph where the first had read two lines, found an article, and
    removed a menu above it (found by the fuzzer). Next to a blank line or an
    edge of the text it goes, as a removed line does: the paragraph break is
    there without it. Of several in a row, the first stands for them."""
    marked = set(separators)
    kept: set[int] = set()
    group = -1  # the first of the current group of such lines
    text_before = False  # the last line kept before the group holds text
    last_blank: bool | None = None  # the last line kept is blank (None: no line yet)
    for index, (_, _, blank, dropped) in enumerate(entries):
        if index in marked:
            if group < 0:
                group, text_before = index, last_blank is False
            continue
        if dropped:
            continue
        if group >= 0 and text_before and not blank:
            kept.add(group)
        group = -1
        last_blank = blank
    for index in separators:
        if index not in kept:
            entries[index] = ("", "", True, True)


def _tidy_blank_lines(entries: list[tuple[str, str, bool, bool]]) -> list[tuple[str, str]]:
    """Kept lines, less the blank lines that removals pushed against another
    blank line or an edge of the text. A blank run the author wrote after a
    removed line stays when a text line precedes it."""
    result: list[tuple[str, str, bool]] = []
    after_drop = False
    for content, terminator, blank, dropped in entries:
        if dropped:
            after_drop = True
            continue
        if blank and after_drop and (not result or result[-1][2]):
            continue
        result.append((content, terminator, blank))
        after_drop = False
    if after_drop:
        while result and result[-1][2]:
            result.pop()
    return [(content, terminator) for content, terminator, _ in result]


def split_by_line(doc: Document, start: int, end: int, replacement: str) -> list[tuple[int, int, str]]:
    """A span cut at line ends: edits never touch a line terminator (the
    replacement goes to the first piece)."""
    pieces = []
    index = doc.line_index(start)
    while True:
        line = doc.lines[index]
        a, b = max(start, line.start), min(end, line.end)
        if a < b or (a == b == start):
            pieces.append((a, b, replacement if not pieces else ""))
        if end <= line.end or index + 1 >= len(doc.lines):
            break
        index += 1
    return pieces


class OffsetMap:
    """Maps offsets in a repaired view back to the original text."""

    __slots__ = ("_view_starts", "_edits", "_view_ends")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = list(edits)
        self._view_starts: list[int] = []
        self._view_ends: list[int] = []
        shift = 0
        for edit in self._edits:
            view_start = edit.start + shift
            self._view_starts.append(view_start)
            self._view_ends.append(view_start + len(edit.replacement))
            shift += len(edit.replacement) - (edit.end - edit.start)

    def start(self, offset: int) -> int:
        """Original offset of a span start at view ``offset``. A span that starts
        where characters were deleted takes them in (a share line whose first
        character was a removed zero-width space starts at that space)."""
        first = bisect_left(self._view_starts, offset)
        if first < len(self._edits) and self._view_starts[first] == offset == self._view_ends[first]:
            return self._edits[first].start
        i = bisect_right(self._view_starts, offset) - 1
        if i < 0:
            return offset
        edit, view_end = self._edits[i], self._view_ends[i]
        if offset < view_end:
            return edit.start
        return edit.end + (offset - view_end)

    def end(self, offset: int) -> int:
        """Original offset of a span end (exclusive) at view ``offset``."""
        i = bisect_right(self._view_starts, offset - 1) - 1 if offset > 0 else -1
        if i < 0:
            return offset
        edit, view_start, view_end = self._edits[i], self._view_starts[i], self._view_ends[i]
        if offset <= view_end:
            return edit.end if offset > view_start else edit.start
        return edit.end + (offset - view_end)


    def map_hit(self, view: str, start: int, end: int, replacement: str | None) -> tuple[int, int, str | None]:
        """Original span and replacement for a view span and its replacement.

        A span that cuts into a repaired run is widened to the whole run, and
        the replacement takes along the repaired characters it now covers: in
        the view `Пoka` (a mojibake repair produced `По`), a homoglyph fix of
        `oka` becomes a fix of the original mojibake run plus `ka`, carrying
        the repaired `П`. Applied over the original, it gives the same text a
        second pass would, so cleaning stays idempotent."""
        original_start, original_end = self.start(start), max(self.start(start), self.end(end))
        if replacement is None:
            return original_start, original_end, None
        prefix = suffix = ""
        i = bisect_right(self._view_starts, start) - 1
        if i >= 0 and self._view_starts[i] < start < self._view_ends[i]:
            prefix = view[self._view_starts[i] : start]
        j = bisect_right(self._view_starts, end - 1) - 1 if end > 0 else -1
        if j >= 0 and self._view_starts[j] < end < self._view_ends[j]:
            suffix = view[end : self._view_ends[j]]
        return original_start, original_end, prefix + replacement + suffix


def apply_flat(text: str, edits: Sequence[Edit]) -> str:
    """Resolved edits applied without any line handling (for the repaired view)."""
    pieces, pos = [], 0
    for edit in edits:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.replacement)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)
