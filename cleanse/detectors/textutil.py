"""Small text helpers shared by detectors."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
# Letters only (no digits), apostrophes inside: the unit of language evidence
# and of style statistics ("l'État", "don’t"; "2026" is no word of any language).
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_EDGE_JUNK = re.compile(r"^[\W_]+|[\s\W_]+$", re.UNICODE)
_SPACES = re.compile(r"\s+")
TERMINAL_PUNCTUATION = tuple(".!?…。！？\"”’»)")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def core(text: str) -> str:
    """A line reduced for phrase lookup: lowercased, edge symbols/emoji/punctuation
    stripped, inner whitespace collapsed. ``"🔗 Comparte este artículo:"`` ->
    ``"comparte este artículo"``."""
    return _SPACES.sub(" ", _EDGE_JUNK.sub("", text)).lower()


def ends_like_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL_PUNCTUATION)


def is_symbolic(token: str) -> bool:
    """True for a token made only of symbols, punctuation or emoji (no letter or digit)."""
    return all(not ch.isalnum() and unicodedata.category(ch)[0] in "PSZC" for ch in token)


def shingles(tokens: list[str], size: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


HTML_COMMENT = re.compile(r"<!--.*?-->")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RST_DIRECTIVE = re.compile(r"^\s*\.\. [\w:-]+::")
_CODE_CHARS = re.compile(r"[=;{}()<>\[\]$\\|`]")


def code_lines(lines: list[str]) -> frozenset[int]:
    """Indexes of lines that are code or markup, which no text rule touches.

    Docs repositories run cleanse as a pre-commit hook, and a Markdown file
    repeats ``h = httplib2.Http(".cache")`` in two examples on purpose; an RST
    ``.. image:: https://...`` is markup, not a photo credit. Protected: fenced
    blocks (``` and ~~~, fences included), lines indented by a tab or 4+
    spaces after a blank line or another such line (Markdown indented code),
    RST directives, and lines dense in code punctuation.
    """
    protected: set[int] = set()
    in_fence = False
    previous_blank, previous_code = True, False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            protected.add(index)
            in_fence = not in_fence
            previous_blank, previous_code = False, False
            continue
        stripped = HTML_COMMENT.sub("", line).strip()  # `<!-- cleanse: ignore[...] -->` is not code
        indented = line.startswith(("\t", "    ")) and bool(stripped)
        is_code = (
            in_fence
            or (indented and (previous_blank or previous_code))
            or bool(_RST_DIRECTIVE.match(line))
            or len(_CODE_CHARS.findall(stripped)) >= 3
        )
        if is_code:
            protected.add(index)
        previous_blank, previous_code = not stripped, is_code and bool(stripped)
    return frozenset(protected)
