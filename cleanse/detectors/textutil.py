"""Small text helpers shared by detectors."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..document import Document

try:  # the parser behind re.compile, to read the literals a pattern requires
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # Python 3.10
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_LITERAL, _AT, _BRANCH, _SUBPATTERN, _IN, _RANGE = (_sre_constants.LITERAL, _sre_constants.AT, _sre_constants.BRANCH,
                                                    _sre_constants.SUBPATTERN, _sre_constants.IN, _sre_constants.RANGE)
_ASSERT, _ASSERT_NOT, _MAX_REPEAT, _MIN_REPEAT = (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT,
                                                  _sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT)
_NOT_LITERAL, _ANY, _CATEGORY = _sre_constants.NOT_LITERAL, _sre_constants.ANY, _sre_constants.CATEGORY

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
# Letters only (no digits), apostrophes inside: the unit of language evidence
# and of style statistics ("l'État", "don’t"; "2026" is no word of any language).
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
TERMINAL_PUNCTUATION = tuple(".!?…。！？\"”’»)")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def line_words(doc: Document) -> list[list[str]]:
    """Per line of ``doc``, words(line.text): read once, and the other word
    lists of a line are cut from them (plain_words, letter_words, and
    lowered_words through words_lowered). Four detectors read the words of
    every line, each with its own pattern, and the regex scan cost more than
    what all of them did with the words."""
    found = doc.derived.get("line_words")
    if found is None:
        found = doc.derived["line_words"] = [WORD.findall(line.text) for line in doc.lines]
    return found


def lowered(tokens: list[str]) -> list[str]:
    """[token.lower() for token in tokens] in one call: tokens hold no space,
    and a space ends the context of a final sigma."""
    return " ".join(tokens).lower().split(" ") if tokens else []


def words_lowered(doc: Document) -> list[list[str]]:
    """Per line of ``doc``, its line_words lowercased one by one."""
    found = doc.derived.get("words_lowered")
    if found is None:
        found = doc.derived["words_lowered"] = list(map(lowered, line_words(doc)))
    return found


def lowered_words(doc: Document) -> list[list[str]]:
    """Per line of ``doc``, words(line.lower()): the boilerplate rules' tokens,
    and the document's word count for the LLM-vocabulary density."""
    found = doc.derived.get("lowered_words")
    if found is None:
        # The words of the lowered line are the line's words lowered one by
        # one, unless the text holds an IGNORECASE twin (`İ` lowers to two
        # characters, the second no word character: tests/test_gates.py) or a
        # capital sigma, the one letter whose lowercase depends on the letters
        # around it, across a word's end too (`ΟΔΟΣ.Α` lowers to `οδοσ.α`, and
        # its word `ΟΔΟΣ` alone to `οδος`).
        if _TWINS.search(doc.text) or "Σ" in doc.text:
            found = [words(line.text.lower()) for line in doc.lines]
        else:
            found = words_lowered(doc)
        doc.derived["lowered_words"] = found
    return found


def word_count(doc: Document) -> int:
    """len(words(doc.text)), from the lines' lowered words when the text holds
    none of the IGNORECASE twins: lowercasing keeps every other character one
    character long and a word character or not (tests/test_gates.py), and no
    word crosses a line break."""
    if _TWINS.search(doc.text):
        return len(words(doc.text))
    return sum(map(len, lowered_words(doc)))


def plain_words(doc: Document) -> list[list[str]]:
    r"""Per line of ``doc``, its words with hyphenated compounds cut apart
    (`well-known` is `well`, `known`): the tokens of
    ``[^\W_]+(?:['’][^\W_]+)*``. A word of line_words joins such tokens
    with hyphens and apostrophes only, so cutting it at its hyphens gives them."""
    found = doc.derived.get("plain_words")
    if found is None:
        found = doc.derived["plain_words"] = [
            " ".join(tokens).replace("-", " ").split(" ") if tokens and "-" in line.text else tokens
            for line, tokens in zip(doc.lines, line_words(doc), strict=True)
        ]
    return found


def lowered_plain(doc: Document, index: int, tokens: list[str]) -> list[str]:
    """lowered(tokens), for tokens read off line ``index`` of ``doc``: the
    line's words_lowered when the tokens are its line_words."""
    return words_lowered(doc)[index] if tokens is line_words(doc)[index] else lowered(tokens)


LetterWords = tuple[list[str], list[str]]  # LETTER_WORD tokens as written, and lowercased
DIGIT = re.compile(r"\d")  # a figure anywhere in a line (shared by the boilerplate rules)


def letter_words(doc: Document) -> list[LetterWords]:
    """Per line of ``doc``, its LETTER_WORD tokens as written and lowercased,
    read once for the foreign-segment search (per line) and the style figures
    (over the document: no token crosses a line break, so the lines' tokens
    in order are the document's)."""
    found = doc.derived.get("letter_words")
    if found is None:
        # A line without digits has the same letter words as plain words;
        # digits cut words and are none (`COVID-19`, `3rd`).
        found = doc.derived["letter_words"] = [
            line_letter_words(line.text) if DIGIT.search(line.text) else (tokens, lowered_plain(doc, line.index, tokens))
            for line, tokens in zip(doc.lines, plain_words(doc), strict=True)
        ]
    return found


def line_letter_words(text: str) -> LetterWords:
    found = LETTER_WORD.findall(text)
    return found, lowered(found)


def core(text: str) -> str:
    """A line reduced for phrase lookup: lowercased, edge symbols/emoji/punctuation
    stripped, inner whitespace collapsed. ``"🔗 Comparte este artículo:"`` ->
    ``"comparte este artículo"``."""
    # Equal to re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\s\W_]+$", "", text)).lower(),
    # without the regex that tries `[\s\W_]+$` at every position of every
    # line (quadratic on a long run of symbols that does not end the line): the edges
    # go up to the first and last alphanumeric character (re's \w is isalnum()
    # or `_`), and str.split() splits on exactly what \s matches.
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return " ".join(text[start:end].split()).lower()


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



# ------------------------------------------------------- literal pre-checks

# Under re.IGNORECASE an ASCII letter also matches these (`ſ` is `s`, the
# Kelvin sign is `k`), and they are the only characters whose str.lower()
# holds an ASCII letter: text without them holds an ASCII literal,
# case-insensitively, exactly when its lower() holds the literal lowered
# (tests/test_gates.py checks this against every code point).
IGNORECASE_ASCII_TWINS = "\u0130\u0131\u017f\u212a"
_TWINS = re.compile(f"[{IGNORECASE_ASCII_TWINS}]")
# The flag as a plain int: `flags & re.IGNORECASE` goes through the enum's
# __rand__, a few microseconds, on every pattern of every document.
_IGNORECASE = int(re.IGNORECASE)


@lru_cache(maxsize=1024)
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (`Hour:` for
    `\\bHour:\\s*\\d{1,2}`), lowercased for a case-insensitive pattern; None
    when no such strings can be read off the pattern."""
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a private module: no pre-check rather than a crash
        return None
    literals = _required(list(parsed))
    if not literals:
        return None
    if pattern.flags & re.IGNORECASE:
        if not all(literal.isascii() for literal in literals):
            return None
        literals = [literal.lower() for literal in literals]
    return tuple(dict.fromkeys(literals))


# At most this many strings spelled by a run of single characters and small
# character classes (see _required).
MAX_SPELLINGS = 64


def _required(items: list) -> list[str] | None:
    """One of these strings is in every match of the sequence ``items``:
    the most selective of its runs of literal characters (zero-width
    assertions do not break a run) and of its alternations. A run goes on
    through a class of plain characters, as every way of spelling it: French
    spacing, `(?<=\\w)[ \\u00a0\\u202f][;:?!]`, requires one of twelve
    two-character strings (` ;`, `\\u00a0!`, ...), which an English article
    holds none of, where each of its three spaces alone is in every text."""
    options: list[list[str]] = []
    run = [""]
    for op, value in items:
        chars = _plain_characters(op, value)
        if chars is not None and len(run) * len(chars) <= MAX_SPELLINGS:
            run = [start + char for start in run for char in chars]
            continue
        if op is _AT:
            continue
        if run != [""]:
            options.append(run)
        run = [""]
        if chars is not None:  # a class too large to extend the run starts the next one
            run = chars
        elif op is _BRANCH:
            branches = [_required(list(branch)) for branch in value[1]]
            if all(branches):
                options.append([literal for branch in branches for literal in branch])  # type: ignore[union-attr]
        elif op is _SUBPATTERN and not value[1] and not value[2]:  # a group that changes no flags
            inner = _required(list(value[3]))
            if inner:
                options.append(inner)
    if run != [""]:
        options.append(run)
    if not options:
        return None
    return max(options, key=lambda option: (min(map(len, option)), -len(option)))


def _plain_characters(op: object, value: object) -> list[str] | None:
    """The characters one item of a parsed pattern matches, when it is one
    literal character or a class of literal characters (`[¿¡]`)."""
    if op is _LITERAL:
        return [chr(value)]  # type: ignore[arg-type]
    if op is _IN and all(member_op is _LITERAL for member_op, _ in value):  # type: ignore[attr-defined]
        return [chr(member) for _, member in value]  # type: ignore[attr-defined]
    return None


def required_characters(pattern: re.Pattern[str]) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Per top-level alternative of ``pattern``, sets of characters of which
    the text must hold one each for that alternative to match (its single
    characters and plain character classes: `[a-z]` is no help, `[\\x80-\\x9f]`
    is); None when some alternative has none. A text that satisfies no
    alternative cannot match. Case-insensitive patterns get None."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = list(_sre_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a private module: no pre-check rather than a crash
        return None
    branches = [list(b) for b in parsed[0][1][1]] if len(parsed) == 1 and parsed[0][0] is _BRANCH else [parsed]
    out = []
    for branch in branches:
        sets = tuple(chars for op, value in branch if (chars := _characters(op, value)) is not None)
        if not sets:
            return None
        out.append(sets)
    return tuple(out)


def _characters(op: object, value: object) -> frozenset[str] | None:
    if op is _LITERAL:
        return frozenset(chr(value))  # type: ignore[arg-type]
    if op is not _IN:
        return None
    chars: set[str] = set()
    for member_op, member in value:  # type: ignore[attr-defined]
        if member_op is _LITERAL:
            chars.add(chr(member))
        elif member_op is _RANGE and member[1] - member[0] < 4096:
            chars.update(map(chr, range(member[0], member[1] + 1)))
        else:  # negated or category classes: not a plain set
            return None
    return frozenset(chars)


def cannot_match(requirements: tuple[tuple[frozenset[str], ...], ...] | None, text: str) -> bool:
    """Whether no alternative's characters (required_characters) are all in ``text``."""
    if requirements is None:
        return False
    # Only the characters some alternative needs decide it, and lines share
    # them: most non-ASCII lines of an English article hold `’` or `—` and no
    # other, and a line of mojibake the same few dozen.
    chars = _mentioned(requirements).intersection(text)
    return not chars or _none_met(requirements, chars)


@lru_cache(maxsize=4096)
def _none_met(requirements: tuple[tuple[frozenset[str], ...], ...], chars: frozenset[str]) -> bool:
    return not any(all(not chars.isdisjoint(needed) for needed in branch) for branch in requirements)


@lru_cache(maxsize=8)
def _mentioned(requirements: tuple[tuple[frozenset[str], ...], ...]) -> frozenset[str]:
    return frozenset().union(*(needed for branch in requirements for needed in branch))


class LiteralCheck:
    """Which of some rare patterns can match a text, by plain substring tests
    (`Hour:` in text) instead of a regex scan per pattern.

    Python's regex engine tries a pattern that starts with `\\b` or ignores
    case at every position: 15 such patterns over a 6 KB article cost more
    than the article's language identification, and most articles hold none
    of them. A pattern is run only where one of its required literals occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        self._twins: bool | None = None

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        literals = required_literals(pattern)
        if literals is None:
            return True
        if not pattern.flags & _IGNORECASE:
            return any(literal in self.text for literal in literals)
        if self._twins is None:
            self._twins = _TWINS.search(self.text) is not None
        if self._twins:
            return True
        if self._lowered is None:
            self._lowered = self.text.lower()
        return any(literal in self._lowered for literal in literals)


def count_ignoring_case(pattern: re.Pattern[str], text: str) -> int:
    """len(pattern.findall(text)) for a case-insensitive pattern written in
    lowercase ASCII (`\\b(?:however|in addition)\\b`), run case-sensitively on
    text.lower() when the text holds none of the IGNORECASE twins: three times
    faster, and the same count, since lowercasing keeps every other character
    one character long and a word character or not (tests/test_gates.py)."""
    plain = _case_sensitive(pattern)
    if plain is None or _TWINS.search(text):
        return len(pattern.findall(text))
    # Scanned only around the markers' literals (finditer_near_literals):
    # `\b(?:however|...)\b` is tried at every position of a whole article.
    return len(finditer_near_literals(plain, text.lower()))


@lru_cache(maxsize=64)
def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not source.isascii() or source != source.lower():
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


def finditer_near_literals(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """list(pattern.finditer(text)), scanning only the stretches of text around
    the literals one of which each match holds (required_literals).

    A match holding a literal at q lies within the pattern's greatest width of
    q, and its lookaheads read at most their own greatest width past its end:
    scanning those windows (pos and endpos; lookbehinds and \\b still read the
    real text before pos) finds exactly the matches a scan of the whole text
    finds. The LLM-vocabulary pattern (`\\b(?:delv(?:e|es)|...)(?!\\w)`, case
    ignored) costs as much per character as a document's language
    identification; its stems (`delv`, `pivotal`) occur a few times at most."""
    reach = _reach(pattern)
    literals = required_literals(pattern)
    if reach is None or literals is None:
        return list(pattern.finditer(text))
    haystack = text
    if pattern.flags & _IGNORECASE:
        if _TWINS.search(text):
            return list(pattern.finditer(text))
        haystack = text.lower()  # one character per character without the twins (tests/test_gates.py)
    windows = _windows(sorted(_occurrences(haystack, literals)), reach, len(text))
    return [match for low, high in windows for match in pattern.finditer(text, low, high)]


def search_near_characters(pattern: re.Pattern[str], text: str) -> bool:
    """pattern.search(text) is not None, searching only the stretches of text
    around the characters one of which each match holds: per alternative, the
    rarest of the character sets required_characters reads off it. As in
    finditer_near_literals, a window of the pattern's reach around each such
    character holds every match that contains it.

    ftfy's badness pattern (37 alternatives, 4 KB) is tried at every character
    of a line, and a line with `é` and `“` meets the characters of some
    alternative without being mojibake: most lines given to ftfy came back
    unchanged after a scan of every position. Its rare characters (`Ã`, `\x80`,
    `€`...) are a few per such line."""
    marks = _rare_characters(pattern)
    reach = _reach(pattern)
    if marks is None or reach is None:
        return pattern.search(text) is not None
    windows = _windows([match.start() for match in marks.finditer(text)], reach, len(text))
    return any(pattern.search(text, low, high) for low, high in windows)


@lru_cache(maxsize=16)
def _rare_characters(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of characters one of which every match of ``pattern`` holds: per
    alternative, its required set with the fewest ASCII characters, then the
    smallest (`[Ã-Ï]` rather than `[a-z]`: which set only changes the speed)."""
    requirements = required_characters(pattern)
    if requirements is None:
        return None
    rare = frozenset().union(*(min(sets, key=lambda chars: (sum(map(str.isascii, chars)), len(chars)))
                               for sets in requirements))
    return re.compile("[" + "".join(map(re.escape, sorted(rare))) + "]")


def _windows(positions: list[int], reach: tuple[int, int], size: int) -> list[list[int]]:
    """The stretches ``[low, high)`` a match holding a character at one of the
    sorted ``positions`` can lie in, with what its lookaheads read, merged."""
    width, ahead = reach
    windows: list[list[int]] = []
    for at in positions:
        low, high = max(0, at - width), min(size, at + width + ahead)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return windows


def _occurrences(haystack: str, literals: tuple[str, ...]) -> list[int]:
    found = []
    for literal in literals:
        at = haystack.find(literal)
        while at >= 0:
            found.append(at)
            at = haystack.find(literal, at + 1)
    return found


@lru_cache(maxsize=64)
def _reach(pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """(greatest match width, greatest lookahead width) of a pattern, None if
    either is unbounded."""
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a private module: no windows rather than a crash
        return None
    width = parsed.getwidth()[1]
    ahead = _lookahead(list(parsed))
    if ahead is None or width >= _sre_constants.MAXREPEAT or ahead >= _sre_constants.MAXREPEAT:
        return None
    return width, ahead


def _lookahead(items: list) -> int | None:
    """The greatest width a lookahead in ``items`` reads, None if unknown."""
    ahead = 0
    for op, value in items:
        if op in (_ASSERT, _ASSERT_NOT):
            direction, sub = value
            inner = _lookahead(list(sub))
            if inner is None:
                return None
            ahead = max(ahead, inner, sub.getwidth()[1] if direction == 1 else 0)
        elif op is _BRANCH:
            for branch in value[1]:
                inner = _lookahead(list(branch))
                if inner is None:
                    return None
                ahead = max(ahead, inner)
        elif op is _SUBPATTERN:
            inner = _lookahead(list(value[3]))
            if inner is None:
                return None
            ahead = max(ahead, inner)
        elif op in (_MAX_REPEAT, _MIN_REPEAT):
            inner = _lookahead(list(value[2]))
            if inner is None:
                return None
            ahead = max(ahead, inner)
        elif op is _AT:
            if value in (_sre_constants.AT_END, _sre_constants.AT_END_LINE, _sre_constants.AT_END_STRING):
                return None  # `$` would match where a window ends
            ahead = max(ahead, 1)  # `\b` reads the next character
        elif op not in (_LITERAL, _NOT_LITERAL, _IN, _ANY, _CATEGORY):
            return None  # conditionals, backreferences, atomic groups: no windows
    return ahead


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of ``items`` as literal text, longest first, so
    that "share this article" wins over "share" where both match."""
    return "|".join(re.escape(p) for p in sorted(set(items), key=len, reverse=True))


def meets(start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """``start:end`` overlaps one of the sorted, disjoint spans
    ``starts[k]:ends[k]`` (their ends are sorted too): one bisection, where a
    scan of every span per query was quadratic on a long line."""
    k = bisect.bisect_right(ends, start)
    return k < len(starts) and starts[k] < end
