"""Page structure for the boilerplate detector: what a line looks like (a menu
item, a headline, prose) and where it stands (before the article, inside it,
after it).

A plain-text dump of a web page puts every visible block on its own line:

    Daily Courier            <- masthead \
    Sign in                  <- account   } head zone: a run of short lines
    News                     <- menu     /
    Homepage » Lifestyle     <- breadcrumb
    Volunteers Count Record Number of Puffins on Remote Island   <- headline (kept)
    A decade of rat eradication appears to be paying off ...     <- standfirst: first prose line
    ...                                                          <- body
    The island trust plans to fit 20 birds ... season.           <- last prose line
    Related                  \
    Energy bills set to fall in April as price cap drops   } tail zone: teasers, footer links
    About us                 /

Phrases name some of these lines in twelve languages; the shape finds the
rest in any language: a run of three or more short lines without final
punctuation is a menu, not prose. Precision comes first, so every structural
rule has a guard with the case it protects: a list introduced by a line ending
in ``:`` is content (``Key Points:`` and its bullets), the line just before the
first prose line is the headline, a line that reads like prose (long, dense in
stopwords) is never a menu item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import words

# Han, kana and Hangul: words are not separated by spaces, so length is counted
# in characters: "首页" is a menu item, "央行宣布下调存款准备金率0.5个百分点" a headline.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣–—]\s|\d{1,2}[.)]\s)")
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)」』）"
# Separators of a one-line menu or breadcrumb: "Home › World › Europe", "News | Sport | Weather".
_SEGMENT_SEP = re.compile(r"\s*[|›»→]\s*|\s+[>/·•]\s+")
_GAP_SEP = re.compile(r"\s{2,}")
# Words, no figures: `Agenzia Tevere Case, tel. 06 5812 3344` is a contact line.
_ROLE = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'’-]){0,60}", re.UNICODE)

MAX_NAV_WORDS = 4
MAX_NAV_CHARS = 40
MAX_NAV_CJK = 10
MIN_PROSE_WORDS = 8
MIN_PROSE_CJK = 20
MAX_TEASER_WORDS = 20
MAX_TEASER_CHARS = 160


def is_cjk(text: str) -> bool:
    # isascii() reads a flag the string carries: most lines of a Latin-script
    # page are ASCII and skip the scan.
    return not text.isascii() and _CJK.search(text) is not None


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly inside a closing quote: `... she said.”`"""
    return text.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


@dataclass(frozen=True)
class Shape:
    """What a line looks like, computed once per line."""

    nav: bool  # short, no final punctuation, not a bullet or a heading marker: a menu item
    headline: bool  # 2-20 words (CJK: 5-40 characters), no final punctuation: a headline or teaser
    prose: bool  # a sentence: final punctuation and long enough, or long and dense in stopwords
    bullet: bool
    intro: bool  # ends with ":" and introduces what follows ("Key Points:")
    wrapped: bool = False  # one line of a hard-wrapped paragraph


BLANK = Shape(False, False, False, False, False)


def shape(text: str, tokens: list[str], stopwords: frozenset[str], cjk_page: bool = True) -> Shape:
    """``tokens`` are the line's lowercased words; ``cjk_page`` is False when
    the page holds no Han, kana or Hangul, and then no line of it is searched
    for them (an English page's lines with `’` were, one by one)."""
    stripped = text.strip()
    if not stripped:
        return BLANK
    bullet = _BULLET.match(stripped) is not None
    intro = stripped.endswith((":", "："))
    if not any(map(str.isalpha, stripped)):
        # "--------" under an RST heading, "* * *", "2026": no menu item or headline.
        return Shape(False, False, False, bullet, intro)
    final = ends_sentence(stripped)
    if cjk_page and is_cjk(stripped):
        size = len(stripped)
        nav = size <= MAX_NAV_CJK and not final
        headline = 5 <= size <= 40 and not final
        prose = final and size >= MIN_PROSE_CJK
    else:
        count = len(tokens)
        nav = count <= MAX_NAV_WORDS and len(stripped) <= MAX_NAV_CHARS and not final
        headline = 2 <= count <= MAX_TEASER_WORDS and len(stripped) <= MAX_TEASER_CHARS and not final
        # A line of a hard-wrapped paragraph has no final punctuation but reads
        # like one: "rester soutenue grâce au ralentissement de l’inflation et" is
        # a third stopwords. Such a line is never a menu item or a teaser. A
        # sentence is prose and no headline whatever its stopwords: most body
        # lines skip the count.
        sentence = final and count >= MIN_PROSE_WORDS
        dense = not sentence and _dense(tokens, stopwords)
        prose = sentence or dense
        headline = headline and not dense
    marked = bullet or stripped.startswith(("#", "|", ">", "=", "```"))
    return Shape(nav and not marked and not intro, headline and not marked and not intro, prose, bullet, intro)


def _dense(tokens: list[str], stopwords: frozenset[str]) -> bool:
    # stopwords-iso lists are broad (1,298 English words, "number" and "record"
    # among them): a 10-word headline can be a third stopwords, so the bar is
    # twelve words, 35% of them stopwords.
    return len(tokens) >= 12 and bool(stopwords) and sum(map(stopwords.__contains__, tokens)) >= 0.35 * len(tokens)


def join_wrapped(texts: list[str], shapes: list[Shape], tokens: list[list[str]], stopwords: frozenset[str]) -> None:
    """Give the lines of a hard-wrapped paragraph the shape of the paragraph.

    At 72 columns, `Kurul açıklamasında, talepteki yavaşlamanın enflasyonu
    düşürmeye` has no final punctuation and looks like a headline; with the
    lines that continue it (`yardımcı olduğunu ...`, `belirtti.`) it is prose.
    A line continues the one before when that one does not end a sentence and
    it starts in lowercase or with a digit or sign, or the one before is long
    and stops after a comma or hyphen. One page line per block (a dump) never
    joins: `News` is not continued by `World`."""
    index = 0
    while index < len(texts):
        end = index
        while end + 1 < len(texts) and continues(texts[end], texts[end + 1], shapes[end], shapes[end + 1]):
            end += 1
        if end > index:
            joined = " ".join(texts[i].strip() for i in range(index, end + 1))
            words_all = [t for i in range(index, end + 1) for t in tokens[i]]
            prose = ends_sentence(joined) and (len(words_all) >= MIN_PROSE_WORDS or len(joined) >= MIN_PROSE_CJK)
            prose = prose or _dense(words_all, stopwords)
            for i in range(index, end + 1):
                s = shapes[i]
                shapes[i] = Shape(False, False, prose, s.bullet, s.intro, True)
        index = end + 1


def continues(line: str, following: str, shape_line: Shape, shape_next: Shape) -> bool:
    """Whether ``following`` continues ``line`` as the next line of a wrapped paragraph."""
    if shape_line is BLANK or shape_next is BLANK or shape_next.bullet or ends_sentence(line):
        return False
    first = following.lstrip()[:1]
    tail = line.rstrip()
    # Wrapped lines are long; `Bollette, cosa cambia dal primo gennaio` is a
    # teaser, and the `venerdì 27 giugno 2026` under it its date.
    if len(tail) >= 45 and (first.islower() or first.isdigit() or first in "%‰,;:–—)"):
        return True
    return len(tail) >= 60 and tail.endswith((",", ";", "-"))


def segmented_nav(text: str, home: frozenset[str], in_zone: bool) -> bool:
    """A menu or breadcrumb on one line: three or more short segments between
    separators (`News | World | Sport`, `Home › World › Europe`), or two when
    the first is a home link (`Portada › Tecnología`). Segments separated by
    runs of spaces only count in the head and tail zones, with five or more
    one- or two-word segments: `News  World  Politics  Business  Sport`; in the
    body such a line could be a table header."""
    stripped = text.strip()
    if not stripped or stripped.startswith(("|", "#")) or ends_sentence(stripped) or len(stripped) > 200:
        return False
    if not in_zone and not _SEGMENT_SEP.search(stripped):
        return False
    parts = segments(stripped)
    if len(parts) >= 2 and all(_nav_segment(p) for p in parts):
        return len(parts) >= 3 or parts[0].lower() in home
    if in_zone:
        parts = _GAP_SEP.split(stripped)
        return len(parts) >= 5 and all(_nav_segment(p, 2) and not any(c.isdigit() for c in p) for p in parts)
    return False


def segments(text: str) -> list[str]:
    """The parts of a one-line menu or breadcrumb: `News | World | Sport`."""
    return [p.strip() for p in _SEGMENT_SEP.split(text.strip())]


def _nav_segment(part: str, max_words: int = MAX_NAV_WORDS) -> bool:
    if not part or not any(ch.isalpha() for ch in part):
        return False
    if is_cjk(part):
        return len(part) <= MAX_NAV_CJK
    return len(words(part)) <= max_words and len(part) <= MAX_NAV_CHARS


def name_role(text: str) -> bool:
    """A byline without a label: a capitalised name of two or three words and a
    short role after a comma, bar or slash: `Rachel Kim | Staff Reporter`,
    `Javier Ortega, Periodista`, `Ayşe Yılmaz / muhabir`. Only asked about lines
    in the head and tail zones, where bylines stand."""
    stripped = text.strip()
    if len(stripped) > 80 or ends_sentence(stripped):
        return False
    for sep in (" | ", ", ", " / ", " - "):
        name, found, role = stripped.partition(sep)
        if not found:
            continue
        names = name.split()
        role_words = words(role)
        # The role is words only: `Mapping Types — "dict"` is a heading in Python's docs.
        # A name has no label: `Marca: Orbea Orca, talla 53` is a field of an ad.
        return (2 <= len(names) <= 3 and ":" not in name and all(w[:1].isupper() and w[1:2].islower() for w in names)
                and 1 <= len(role_words) <= 5 and _ROLE.fullmatch(role) is not None)
    return False


@dataclass
class Zones:
    """Where the article stands: ``start`` is its first prose line (the
    standfirst or first paragraph), ``end`` its last, ``headline`` the line kept
    as the headline (the last line before ``start`` no rule removed), -1 when
    there is none, -2 when no article was found (fewer than two prose lines)."""

    start: int
    end: int
    headline: int
    body: int  # the second prose line: between ``start`` and it stand bylines and dates

    @property
    def found(self) -> bool:
        """An article was found: two prose lines or more."""
        return self.headline != -2

    def outside(self, index: int) -> bool:
        return index < self.start or index > self.end

    def metadata(self, index: int) -> bool:
        """Where bylines stand: before the article, between its standfirst and
        its first paragraph, or after it."""
        return index < self.body or index > self.end


def zones(shapes: list[Shape], removed: set[int]) -> Zones:
    prose = [i for i, s in enumerate(shapes) if s.prose and i not in removed]
    if len(prose) < 2:
        return Zones(0, len(shapes) - 1, -2, 0)  # not found: no line is outside
    start, end = prose[0], prose[-1]
    headline = next((i for i in range(start - 1, -1, -1) if shapes[i] is not BLANK and i not in removed), -1)
    return Zones(start, end, headline, prose[1] if len(prose) > 1 else start)


def runs(shapes: list[Shape], member: list[bool]) -> list[list[int]]:
    """Maximal runs of member lines, blank lines between them ignored."""
    found: list[list[int]] = []
    current: list[int] = []
    for index, s in enumerate(shapes):
        if s is BLANK:
            continue
        if member[index]:
            current.append(index)
        else:
            if current:
                found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def next_line(shapes: list[Shape], index: int) -> int:
    """The nearest non-blank line after ``index`` (-1 if none)."""
    for i in range(index + 1, len(shapes)):
        if shapes[i] is not BLANK:
            return i
    return -1


def previous_line(shapes: list[Shape], index: int) -> int:
    """The nearest non-blank line before ``index`` (-1 if none)."""
    for i in range(index - 1, -1, -1):
        if shapes[i] is not BLANK:
            return i
    return -1
