"""Small text helpers shared by detectors."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
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
