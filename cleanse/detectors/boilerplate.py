"""Boilerplate: the page furniture that scrapers leave around an article.

Every rule here removes text, so each one is narrow and says why in its
message. A line is removed whole only when all of it is furniture (a share
call, a row of icons, a byline, a date); inside a body line only a trailing
photo credit is cut (``... military solution. Photo: EFE.``). Lines that match
a user's ``keep-patterns`` are never touched.

Phrases come from ``data/boilerplate.toml`` and ``data/dates.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .. import data
from ..document import Document, Line
from ..language import language_name
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import HTML_COMMENT, core, ends_like_sentence, is_symbolic, shingles, words

SOCIAL_ICONS = rule(
    id="BOI001", name="social-icons", category="boilerplate", severity="warning",
    summary="A row of social-media icon tokens or network names: `icon-facebook icon-twitter icon-whatsapp`.",
    rationale="Share-button rows survive HTML-to-text conversion as CSS class names or network names; they are "
              "not prose and appear in every article of a site.",
    example="icon-facebook icon-twitter icon-whatsapp",
    fix="removes the line",
)
SHARE_LINE = rule(
    id="BOI002", name="share-line", category="boilerplate", severity="warning",
    summary="A share, follow or subscribe call to action: `🔗 Comparte este artículo`, `Share this article`.",
    rationale="Calls to action are site furniture in any language; phrases for 12 languages live in "
              "data/boilerplate.toml.",
    example="🔗 Comparte este artículo",
    fix="removes the line",
)
RELATED_TEASER = rule(
    id="BOI003", name="related-teaser", category="boilerplate", severity="warning",
    summary="A `RELATED:` / `Read more` label and the teaser headline of another article under it.",
    rationale="Teasers link to other stories; the headline under `RELATED:` (`Venezuela Strengthens Security "
              "Alliances With Netherlands and Russia`) belongs to a different article.",
    example="RELATED:\\nVenezuela Strengthens Security Alliances With Netherlands and Russia",
    fix="removes the label line and the teaser lines under it (short, no final punctuation, up to 5)",
)
BYLINE = rule(
    id="BOI004", name="byline", category="boilerplate", severity="warning",
    summary="A byline or author line: `Author: HGV`, `By Jane Smith`.",
    rationale="Author credits are metadata, not article text.",
    example="Author: HGV",
    fix="removes the line",
)
SOURCE_CREDIT = rule(
    id="BOI005", name="source-credit", category="boilerplate", severity="warning",
    summary="A source or agency credit line: `Source: Agencias`.",
    rationale="Source credits are metadata; they repeat on every article from the same wire.",
    example="Source: Agencias",
    fix="removes the line",
)
PHOTO_CREDIT = rule(
    id="BOI006", name="photo-credit", category="boilerplate", severity="warning",
    summary="A photo, image or video credit, as its own line or trailing a caption: `... Photo: EFE.`",
    rationale="Credits belong to images that are no longer there; a trailing `Photo: EFE.` glued to a "
              "caption line is cut without touching the caption's sentence.",
    example="... compared to previous strategies that sought only a military solution. Photo: EFE.",
    fix="removes the credit (the whole line when it is only a credit)",
)
PHOTO_CAPTION = rule(
    id="BOI007", name="photo-caption", category="boilerplate", severity="warning",
    summary="A photo caption that repeats a body sentence and ends in a credit.",
    rationale="Sites caption the lead photo with a sentence lifted from the article; once the photo is gone the "
              "caption is a near-duplicate of a body paragraph. Removed only when it carries a credit AND at "
              "least half of its word trigrams occur in another line.",
    example="For the Russian government, the fact that ... a military solution. Photo: EFE.",
    fix="removes the line",
)
DATE_LINE = rule(
    id="BOI008", name="date-line", category="boilerplate", severity="warning",
    summary="A line holding only a date, time or publication metadata: `Fri Jan 16 2026`, ` date 2026-01-16 `.",
    rationale="Timestamps and 'Published ... Updated ...' lines are page metadata; every token on the line "
              "must be a date, time, month, weekday or label word (data/dates.toml).",
    example="January 16, 2026 Hour: 3:59 pm",
    fix="removes the line",
)
DUPLICATE_LINE = rule(
    id="BOI009", name="duplicate-line", category="boilerplate", severity="warning",
    summary="A line that repeats an earlier line verbatim (3+ words): later copies are removed.",
    rationale="Verbatim repeats of whole lines are scraping artefacts (a block captured twice, a footer "
              "repeated); the first copy is kept.",
    example="Subscribe to our newsletter for daily updates. (second time)",
    fix="removes the repeated line",
)
CUSTOM_PATTERN = rule(
    id="BOI010", name="custom-pattern", category="boilerplate", severity="warning",
    summary="A line matching one of the configuration's `boilerplate-patterns`.",
    rationale="Every site has furniture no general rule knows; users add regular expressions for it.",
    example='boilerplate-patterns = ["^Advertisement$"]',
    fix="removes the line",
)

# CSS-class residue of icon fonts: icon-facebook, fa-twitter, fab fa-whatsapp, social-x.
_ICON_TOKEN = re.compile(r"(?:icon|ico|fa|fab|fas|far|glyphicon|social|share|btn)[-_][a-z0-9][a-z0-9_-]*", re.I)
_MAX_LABEL_VALUE_WORDS = 8
_MAX_TEASER_WORDS = 20
_MAX_TEASER_LINES = 5


@lru_cache(maxsize=1)
def _lexicon():
    share = data.all_phrases("boilerplate", "share")
    related = data.all_phrases("boilerplate", "related")
    byline = data.all_phrases("boilerplate", "byline")
    source = data.all_phrases("boilerplate", "source")
    photo = data.all_phrases("boilerplate", "photo")
    social = frozenset(data.load("boilerplate")["social"]["names"])

    def alternation(items: Iterable[str]) -> str:
        return "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True))

    label_re = re.compile(
        rf"^\W*(?P<label>{alternation([*byline, *source, *photo])})\s*[:：]\s*(?P<value>\S(?:.*[^\s.])?)[\s.]*$", re.I
    )  # the value up to its last character that is not a space or a dot: `\S.*?` before `[\s.]*$`
    # was quadratic on `Photo: a . . . . x` (each lazy step rescanned the dots)
    # "By Jane Smith", "Por María López": a name-like value without a colon.
    by_re = re.compile(r"^\W*(?i:by|por|par|von)\s+(?P<value>[A-ZÀ-ÞА-Я][\w.'’-]*(?:(?:\s+|,\s*|\s+(?:and|y|et|und|&)\s+)[A-ZÀ-ÞА-Я][\w.'’-]*){0,5})\s*$")
    # A credit glued to the end of a caption: "... solution. Photo: EFE." / "(Photo: Reuters)"
    trailing_photo_re = re.compile(
        rf"(?<=[.!?”\"»)])\s*[(\[]?(?i:{alternation(photo)})\s*[:：]\s*(?P<value>[A-ZÀ-Þ][\w.&'’/ -]{{0,40}}?)[)\]]?\.?\s*$"
    )
    dates = data.load("dates")
    date_words = frozenset(
        w for table in ("months", "weekdays", "labels") for items in dates[table].values() for w in items
    )
    month_words = frozenset(w for items in dates["months"].values() for w in items)
    weekday_words = frozenset(w for items in dates["weekdays"].values() for w in items)
    return dict(share=share, related=related, byline=byline, source=source, photo=photo, social=social,
                label_re=label_re, by_re=by_re, trailing_photo_re=trailing_photo_re,
                date_words=date_words, month_words=month_words, weekday_words=weekday_words)


_DATE_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<numeric>\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
    r"|(?P<time>\d{1,2}[:.h]\d{2}(?::\d{2})?(?:[ap]\.?m\.?)?)"
    r"|(?P<number>\d{1,4}(?:st|nd|rd|th|º|°|er|\.)?)"
    r"|(?P<word>[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?)",
    re.UNICODE,
)
_DATE_GAP = re.compile(r"[\s,|/·•—–\-()\[\]:.@]*")


def is_date_line(text: str, lex: dict) -> bool:
    """True when every token of ``text`` is a date, time, month, weekday or label word,
    and the line holds an actual date (a month name, or a numeric date)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 100 or not any(ch.isdigit() for ch in stripped):
        return False
    lowered = stripped.lower()
    pos, has_date, has_time, has_weekday, numbers = 0, False, False, False, 0
    for match in _DATE_TOKEN.finditer(lowered):
        if not _DATE_GAP.fullmatch(lowered, pos, match.start()):
            return False
        pos = match.end()
        kind = match.lastgroup
        if kind in ("iso", "numeric"):
            has_date = True
        elif kind == "time":
            has_time = True
        elif kind == "number":
            numbers += 1
        else:
            word = match.group().rstrip(".")
            if word in lex["month_words"]:
                has_date = True
            elif word in lex["weekday_words"]:
                has_weekday = True
            elif word not in lex["date_words"]:
                return False
    if not _DATE_GAP.fullmatch(lowered, pos):
        return False
    return has_date or (numbers >= 1 and (has_weekday or has_time))


def _line_hit(line: Line, r, message: str, confidence: float) -> Hit:
    return Hit(r, line.start, line.end, message, "", confidence)


class BoilerplateDetector(Detector):
    name = "boilerplate"
    rules = (SOCIAL_ICONS, SHARE_LINE, RELATED_TEASER, BYLINE, SOURCE_CREDIT, PHOTO_CREDIT, PHOTO_CAPTION,
             DATE_LINE, DUPLICATE_LINE, CUSTOM_PATTERN)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lex = _lexicon()
        keep = ctx.config.keep_res
        custom = ctx.config.boilerplate_res
        whole: dict[int, Hit] = {}
        inline: list[Hit] = []
        lines = doc.lines
        kept = [index not in ctx.code_lines and not any(p.search(line.text) for p in keep)
                for index, line in enumerate(lines)]

        index = 0
        while index < len(lines):
            line = lines[index]
            if line.is_blank or not kept[index]:
                index += 1
                continue
            hit = self._custom(line, custom) or self._classify(line, lex)
            if hit is not None:
                whole[index] = hit
                if hit.rule is RELATED_TEASER and not _has_inline_teaser(line.text, lex):
                    index = self._teasers(lines, index + 1, kept, whole, lex)
                    continue
            index += 1

        self._captions(lines, whole, inline, kept, lex)
        self._duplicates(lines, whole, kept)
        ctx.removed_lines.update(i for i, h in whole.items() if ctx.wants(h.rule))
        return [*whole.values(), *inline]

    # -- whole-line rules -------------------------------------------------
    def _custom(self, line: Line, patterns) -> Hit | None:
        for pattern in patterns:
            if pattern.search(line.text):
                return _line_hit(line, CUSTOM_PATTERN, f"line matches boilerplate-patterns entry {pattern.pattern!r}", 1.0)
        return None

    def _classify(self, line: Line, lex: dict) -> Hit | None:
        # An HTML comment is invisible markup: `Share this article <!-- cleanse: ignore[TRN002] -->`
        # is still a share line, and rules must agree on what a line says.
        text = HTML_COMMENT.sub("", line.text).strip()
        if len(text) > 200:
            return None
        key = core(text)
        tokens = text.split()
        if tokens and all(_ICON_TOKEN.fullmatch(t) or t.lower().strip(":,|") in lex["social"] or is_symbolic(t) for t in tokens):
            icons = sum(1 for t in tokens if _ICON_TOKEN.fullmatch(t))
            names = sum(1 for t in tokens if t.lower().strip(":,|") in lex["social"])
            if icons or names >= 2:
                return _line_hit(line, SOCIAL_ICONS, f"row of social icons/network names: {text[:60]!r}", 0.95)
        if key in lex["share"]:
            return _line_hit(line, SHARE_LINE, f"share call to action ({language_name(lex['share'][key])}): {text[:60]!r}", 0.95)
        head, sep, rest = key.partition(":")
        if sep and head.strip() in lex["share"] and all(w in lex["social"] for w in rest.split()):
            return _line_hit(line, SHARE_LINE, f"share call to action with network names: {text[:60]!r}", 0.95)
        if key in lex["related"]:
            return _line_hit(line, RELATED_TEASER, f"'{text}' label introducing a teaser for another article", 0.9)
        if _has_inline_teaser(text, lex):
            return _line_hit(line, RELATED_TEASER, f"teaser for another article: {text[:60]!r}", 0.85)
        match = lex["label_re"].match(text)
        if match and _credit_value(match.group("value")):
            label = match.group("label").lower()
            if label in lex["byline"] and label not in lex["source"]:
                return _line_hit(line, BYLINE, f"byline: {text!r}", 0.9)
            if label in lex["source"]:
                return _line_hit(line, SOURCE_CREDIT, f"source credit: {text!r}", 0.9)
            return _line_hit(line, PHOTO_CREDIT, f"photo/image credit line: {text!r}", 0.9)
        if lex["by_re"].match(text):
            return _line_hit(line, BYLINE, f"byline: {text!r}", 0.85)
        if is_date_line(text, lex):
            return _line_hit(line, DATE_LINE, f"timestamp/metadata line: {text!r}", 0.9)
        return None

    def _teasers(self, lines: list[Line], index: int, kept: list[bool], whole: dict[int, Hit], lex: dict) -> int:
        """Mark the teaser headlines under a related label; return the next index to classify."""
        marked = 0
        while index < len(lines) and marked < _MAX_TEASER_LINES:
            line = lines[index]
            if line.is_blank:
                if marked:
                    break
                index += 1
                continue
            if not kept[index] or not _looks_like_teaser(line.text):
                break
            whole[index] = _line_hit(line, RELATED_TEASER, f"teaser headline under a related-articles label: {line.text.strip()[:60]!r}", 0.85)
            marked += 1
            index += 1
        return index

    # -- context rules ----------------------------------------------------
    def _captions(self, lines: list[Line], whole: dict[int, Hit], inline: list[Hit], kept: list[bool], lex: dict) -> None:
        trailing = lex["trailing_photo_re"]
        grams_by_line: dict[int, set] | None = None
        for index, line in enumerate(lines):
            if index in whole or not kept[index] or line.is_blank:
                continue
            match = trailing.search(line.text)
            if not match or not _credit_value(match.group("value")):
                continue
            credit = line.text[match.start() :].strip()
            caption_tokens = [w.lower() for w in words(line.text[: match.start()])]
            caption_grams = shingles(caption_tokens)
            if len(caption_grams) >= 5:
                if grams_by_line is None:
                    grams_by_line = {i: shingles([w.lower() for w in words(other.text)])
                                     for i, other in enumerate(lines) if not other.is_blank}
                best, best_index = 0.0, None
                for other_index, grams in grams_by_line.items():
                    if other_index == index:
                        continue
                    share = len(caption_grams & grams) / len(caption_grams)
                    if share > best:
                        best, best_index = share, other_index
                if best >= 0.5 and best_index is not None:
                    whole[index] = _line_hit(
                        line, PHOTO_CAPTION,
                        f"photo caption ending in {credit!r} that repeats line {best_index + 1} "
                        f"({best:.0%} of its word trigrams)", 0.85)
            inline.append(Hit(PHOTO_CREDIT, line.start + match.start(), line.start + match.end(),
                              f"photo credit {credit!r} trailing a caption", "", 0.9))

    def _duplicates(self, lines: list[Line], whole: dict[int, Hit], kept: list[bool]) -> None:
        # Neighbours are the nearest lines not removed, so that a second pass
        # over the cleaned text decides the same way (idempotence); both are
        # tracked in linear time, a file may hold 200,000 lines.
        following = [""] * len(lines)
        nearest = ""
        for index in range(len(lines) - 1, -1, -1):
            following[index] = nearest
            if index not in whole:
                nearest = lines[index].text
        first_seen: dict[str, int] = {}
        previous = ""
        for index, line in enumerate(lines):
            text = line.text.strip()
            if (text and len(words(text)) >= 3 and _prose_like(line.text)
                    and _standalone(line.text, previous, following[index])):
                if text not in first_seen:
                    first_seen[text] = index
                elif index not in whole and kept[index]:
                    whole[index] = _line_hit(line, DUPLICATE_LINE,
                                             f"line repeats line {first_seen[text] + 1} verbatim", 0.9)
            if index not in whole:
                previous = line.text.strip()


_COLUMNS = re.compile(r"\S {2,}\S|\||\t")


def _prose_like(text: str) -> bool:
    """A line a scraper could have duplicated: mostly letters, not indented
    like code, not a table row. A README lists `64000 | ftn | fidogate` rows
    and repeats an example line on purpose; those are not boilerplate."""
    if text.startswith(("    ", "\t")) or _COLUMNS.search(text.strip()):
        return False
    visible = "".join(text.split())
    return sum(ch.isalpha() for ch in visible) >= 0.75 * len(visible)


def _standalone(line: str, before: str, after: str) -> bool:
    """A line that is a unit of its own, not a piece of a hard-wrapped paragraph:
    it starts like a sentence or item, the line ``before`` it ended one, and the
    line ``after`` it does not continue it. In release notes wrapped at 72
    columns, `   has been fixed.` closes several different sentences and must
    not be taken for a repeated line."""
    text = line.lstrip()
    if len(line) - len(text) > 3 or not text or text[0].islower():
        return False
    if after.strip() and not ends_like_sentence(text) and (after[:1].isspace() or after.lstrip()[:1].islower()):
        return False  # the first line of a wrapped paragraph or bullet
    return not before or ends_like_sentence(before) or before.endswith(":")


def _credit_value(value: str) -> bool:
    """A credit's value is a short name ("EFE", "Agencias", "Reuters/John Doe"), not a sentence."""
    value = value.strip()
    if "://" in value or value.startswith((":", "/", "www.")):  # `.. image:: https://...` is markup
        return False
    # A credit names someone: "EFE", "Agencias", "John Smith/Reuters". A value
    # starting in lowercase is a sentence: "Source: a government official said
    # the talks had stalled." is body text.
    if not value[:1].isupper() and not value[:1].isdigit():
        return False
    return 0 < len(words(value)) <= _MAX_LABEL_VALUE_WORDS and len(value) <= 80 and not re.search(r"[.!?]\s+\w", value)


def _has_inline_teaser(text: str, lex: dict) -> bool:
    """`RELATED: Some Other Headline` on one line."""
    head, sep, rest = text.partition(":")
    return bool(sep) and core(head) in lex["related"] and bool(rest.strip()) and _looks_like_teaser(rest)


def _looks_like_teaser(text: str) -> bool:
    """A headline: short, at most 20 words, no sentence-final punctuation."""
    stripped = text.strip()
    count = len(words(stripped))
    return 2 <= count <= _MAX_TEASER_WORDS and len(stripped) <= 160 and not ends_like_sentence(stripped)
