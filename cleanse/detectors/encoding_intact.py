"""Spans ftfy would repair that are intact text: capitals ending in `Ã`.

Portuguese writes `Ã` at the end of capitalised words (`MAÇÃ`, `IRMÃ`, `LÃ`,
`AMANHÃ`, `CAPITÃ`), and what follows such a word is often a closing quote,
a guillemet or a space. `Ã` followed by `”` (0x94), `»` (0xBB) or a
no-break-space-turned-space is exactly what UTF-8 `Ô`, `û` and `à` look like
read as Windows-1252, so ftfy's ``decode_inconsistent_utf8`` reads
`lia “A MELHOR MAÇÃ”, em letras` as `MAÇÔ, em` (the closing quote eaten),
`«MANTAS DA MINHA IRMÃ»` as `IRMû` and `a banca da CAPITÃ Rosa` as
`CAPITà Rosa`. Two signs tell the intact text from the mojibake:

* the "mojibake" would end in a closing quote that closes an opening quote
  earlier on the line. An intact `“` is itself a sign the line was decoded
  right: read as Windows-1252, it would be `â€œ`.
* the repair would put a lowercase letter at the end of a word in capitals.
  All-caps text has capital accented letters, whose mojibake (`Ã‰` for `É`,
  `Ã“` for `Ó`) is not touched by this: `CAFÃ‰` is still `CAFÉ`.

Precision over recall: a rare real `ROBÃ”` inside quotes (`“O ROBÃ” chegou`)
is left as it is, where the other way would corrupt correct text.
"""

from __future__ import annotations

import bisect
import re

# Closing quote -> the opening quote it closes.
_OPENER = {"\u201d": "\u201c", "\u00bb": "\u00ab", "\u203a": "\u2039"}
# Words are read backwards from the damage at most this far: a pattern
# anchored at the damage would be tried from every position of a long line.
_LONGEST_WORD = 40


class IntactText:
    """Tells, for the spans ftfy would repair on one line, which are intact
    text (see the module's docstring)."""

    def __init__(self, line: str) -> None:
        self.line = line
        # Where each quote mark stands, for counting those before a span by
        # bisection: a 20 MB line of `“MAÇÃ”` holds millions of spans.
        self._positions = {mark: [m.start() for m in re.finditer(mark, line)]
                           for pair in _OPENER.items() for mark in pair if mark in line}

    def is_intact(self, start: int, end: int, replacement: str) -> bool:
        """Whether ``line[start:end]``, which ftfy would replace with
        ``replacement``, is intact text."""
        if end <= start:
            return False  # an insertion replaces no text
        return self._closes_a_quote(start, end, replacement) or _lowercase_after_capitals(self.line, start, replacement)

    def _closes_a_quote(self, start: int, end: int, replacement: str) -> bool:
        # `“A MELHOR MAÇÃ”`: the `”` closes the `“`, and the repair would eat it.
        # Only after `Ã`: Hebrew `×”` (`ה`) ends in `”` too, and is mojibake.
        closer = self.line[end - 1]
        opener = _OPENER.get(closer)
        if opener is None or self.line[end - 2 : end - 1] != "Ã" or replacement.endswith(closer):
            return False
        return self._before(opener, start) > self._before(closer, start)

    def _before(self, mark: str, position: int) -> int:
        return bisect.bisect_left(self._positions.get(mark, ()), position)


def _lowercase_after_capitals(line: str, start: int, replacement: str) -> bool:
    # `IRMÃ»` -> `IRMû`, `CAPITÃ Rosa` -> `CAPITà Rosa`. A title-case word
    # (`JÃ¡` for `Já`) has one capital before the damage: that is not enough;
    # a one-letter word (`LÃ»`) counts when the word before it is in capitals
    # (`CASACOS DE LÃ»`).
    if line[start] != "Ã" or not replacement[:1].islower():
        return False
    word_start = _word_start(line, start)
    word = line[word_start:start]
    if not word or not word.isupper():
        return False
    if len(word) >= 2:
        return True
    blank_start = word_start
    while blank_start > 0 and line[blank_start - 1].isspace() and word_start - blank_start < _LONGEST_WORD:
        blank_start -= 1
    if blank_start == word_start:
        return False
    previous = line[_word_start(line, blank_start) : blank_start]
    return len(previous) >= 2 and previous.isupper()


def _word_start(line: str, end: int) -> int:
    """Where the letters that end at ``end`` begin (``end`` when there are none)."""
    start = end
    while start > 0 and end - start < _LONGEST_WORD and line[start - 1].isalpha():
        start -= 1
    return start
