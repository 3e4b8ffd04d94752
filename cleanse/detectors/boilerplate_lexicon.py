"""The boilerplate detector's phrase data, compiled once per process.

Phrases live in ``data/boilerplate.toml`` and ``data/dates.toml`` (with their
sources); this module turns them into lookup sets and into one regular
expression per category, so a line costs a few set lookups and at most one
search per category, whatever the number of languages. Every pattern is a
plain alternation of escaped phrases, or a bounded class repetition: none can
backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import data
from .textutil import DIGIT, alternation, words


def _word_starts(items: Iterable[str]) -> re.Pattern[str]:
    """Any of ``items`` at the start of a word (`naveg` in `navegando`); an
    item in Chinese or Japanese anywhere, as those run on without spaces."""
    longest_first = sorted(set(items), key=len, reverse=True)
    parts = [re.escape(p) if _CJK_ITEM.search(p) else rf"\b{re.escape(p)}" for p in longest_first]
    return re.compile("|".join(parts), re.I)


def _words_and_stems(items: Iterable[str]) -> re.Pattern[str]:
    """Whole words, and stems (an item ending in `*`) at the start of a word:
    `app` takes `app` but not `approach`, `newsletter*` takes `newslettera`."""
    items = set(items)
    stems = alternation(p[:-1] for p in items if p.endswith("*"))
    whole = alternation(p for p in items if not p.endswith("*"))
    return re.compile(rf"\b(?:{stems})|\b(?:{whole})\b", re.I)


_CJK_ITEM = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# The signs of a copyright notice that no sentence uses: "Copyright 2026
# Example Inc.", not "Copyright law was changed in 1998."
COPYRIGHT_MARK = re.compile(r"©|\(c\)\s*\d{4}|^\W*copyright\s+\d{4}", re.I)


@dataclass(frozen=True)
class Lexicon:
    share: dict[str, str]  # phrase -> language, whole-line calls to action
    related: dict[str, str]
    byline: dict[str, str]
    source: dict[str, str]
    photo: dict[str, str]
    social: frozenset[str]
    share_connectors: frozenset[str]  # "on", "على", "per": what joins a share phrase to a network's name
    nav: dict[str, str]
    home: frozenset[str]
    ads: dict[str, str]
    comments: dict[str, str]
    forum_buttons: frozenset[str]  # "reply", "citera": a forum post's buttons
    forum_fields: frozenset[str]  # "posts", "medlem sedan": the labels of a forum member's fields
    counters: dict[str, str]  # "# views", "bu haber # kez okundu": a counter line with its numbers written `#`
    label_re: re.Pattern[str]  # "Author: HGV", "Source: Agencias", "Fot. PAP", "Redacción / El Diario"
    by_re: re.Pattern[str]  # "By Jane Smith", "Por María López"
    trailing_photo_re: re.Pattern[str]  # "... solution. Photo: EFE."
    cta_re: re.Pattern[str]  # "Sign up for our newsletter ..." at the start of a line
    attribution_re: re.Pattern[str]  # "said" after a line's last comma: a news sentence, no call to action
    cta_open_ended: frozenset[str]  # "sign up for": a call to action only if it names what a site sends
    cta_object_re: re.Pattern[str]  # "newsletter", "alerts", "app": what a site's call to action offers
    # First words of the line-opening phrases: a line whose first word is none
    # of these skips the regex (Chinese and Japanese lines never skip).
    cta_first: frozenset[str]
    source_first: frozenset[str]
    consent_re: re.Pattern[str]  # "We use cookies ..." anywhere in a line
    consent_words: frozenset[str]  # a word of every consent phrase: the regex runs only on lines holding one
    consent_context_re: re.Pattern[str]  # "site", "browser", "privacy": the banner speaks about the site
    copyright_re: re.Pattern[str]
    copyright_words: frozenset[str]
    licence_re: re.Pattern[str]  # "Permission is hereby granted, free of charge": the text is a licence
    credits_re: re.Pattern[str]  # "Directed by", "Starring": a line of a work's credits
    author_heads: frozenset[str]  # "AUTHOR": a section heading over an author line
    licence_heads: frozenset[str]  # "## License", "COPYRIGHT": a section heading over a copyright line
    salutation_re: re.Pattern[str]  # "Dear Mr Carter,": a letter's body starts under its heading
    closing_re: re.Pattern[str]  # "Yours sincerely,", "特此公告。": the signature block follows
    tags_re: re.Pattern[str]  # "Tags: Economy, Inflation"
    lowercase_tag_labels: frozenset[str]  # "tags", "tagi": their values may be lowercase
    disclosure_re: re.Pattern[str]  # "This post may contain affiliate links."
    disclosure_words: frozenset[str]  # the longest word of each disclosure phrase: a gate
    source_prefix_re: re.Pattern[str]  # "Additional reporting by Reuters"
    date_words: frozenset[str]
    month_words: frozenset[str]
    weekday_words: frozenset[str]
    units: frozenset[str]
    markers: frozenset[str]
    published_words: frozenset[str]  # "published", "aktualisiert": a date with one is a page's
    abbreviated_dates: frozenset[str]  # "jan", "fri": month and weekday names cut short
    clock_words: frozenset[str]  # "uhr", "時": a time of day without a colon
    day_words: frozenset[str]  # "today", "gestern": with a clock time, a timestamp
    widgets: dict[str, str]  # "listen to this article", "add to cart": a widget's whole line
    feedback: dict[str, str]  # "was this page helpful": a feedback question's whole line
    feedback_answers: frozenset[str]  # "yes", "nej": the buttons under a feedback question
    error_prompt_re: re.Pattern[str]  # "Found an error? ..." up to the question mark, and the rest
    error_prompt_first: frozenset[str]
    error_contact_re: re.Pattern[str]  # "let us know", "mail naar", Ctrl+Enter, an e-mail address
    republished_re: re.Pattern[str]  # "This article was originally published on ..."
    republished_first: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    table = data.load("boilerplate")
    share = data.all_phrases("boilerplate", "share")
    byline = data.all_phrases("boilerplate", "byline")
    source = data.all_phrases("boilerplate", "source")
    photo = data.all_phrases("boilerplate", "photo")
    labels = alternation([*byline, *source, *photo])
    # The separator after a label: a colon, a slash or bar ("Redacción / El
    # Diario", "文/王强"), or the space after an abbreviated label ("Fot. PAP").
    # The value runs to its last character that is not a space or a dot: `\S.*?`
    # before `[\s.]*$` was quadratic on `Photo: a . . . . x` (each lazy step
    # rescanned the dots; 2.4 s at 20,000 characters).
    label_re = re.compile(
        rf"^\W*(?P<label>{labels})(?:\s*[:：/／|]\s*|(?<=\.)\s+)(?P<value>\S(?:.*[^\s.])?)[\s.]*$", re.I
    )
    by_re = re.compile(
        r"^\W*(?i:by|written by|story by|words by|por|par|von|di|a cura di)\s+"
        r"(?P<value>[A-ZÀ-ÞА-Я][\w.'’-]*(?:(?:\s+|,\s*|\s+(?:and|y|e|et|und|&)\s+)[A-ZÀ-ÞА-Я][\w.'’-]*){0,5})\s*$"
    )
    # A credit glued to the end of a caption: "... solution. Photo: EFE." /
    # "(Photo: Reuters)" / "。（图片来源：视觉中国）". The value starts with a letter
    # that is not lowercase (checked again by the detector's _credit_value).
    trailing_photo_re = re.compile(
        rf"(?<=[.!?”\"»)。！？」])\s*[(\[（]?(?i:{alternation(photo)})(?:\s*[:：]\s*|(?<=\.)\s+)"
        r"(?P<value>[^\W\d_][\w.&'’/ -]{0,40}?)[)\]）]?\.?\s*$"
        # "。（新华社记者 张伟 摄）": the photographer's name, then 摄 (photographed by).
        r"|(?<=[。！？」])（(?P<cjk>[^（）\s]{1,12}\s?[^（）\s]{1,6}\s?摄)）\s*$"
    )
    # A word boundary after the phrase, except after Chinese or Japanese, which
    # run on without one: "メールマガジンに登録すると".
    cta = [p for items in table["cta"].values() for p in items]
    cta_re = re.compile(rf"^[^\w“”\"'«»„]*(?P<opener>{alternation(cta)})(?:\b|(?<=[\u3040-\u9fff]))", re.I)
    sources = [p for items in table["source_prefix"].values() for p in items]
    consent = [p for items in table["consent"].values() for p in items]
    disclosure = [p for items in table["disclosure"].values() for p in items]
    consent_re = re.compile(alternation(consent), re.I)
    copyright_re = re.compile(rf"{COPYRIGHT_MARK.pattern}|{alternation(table['copyright']['all'])}", re.I)
    tag_labels = alternation(p for items in table["tags"].values() for p in items)
    tags_re = re.compile(rf"^\W*(?P<label>{tag_labels})\s*[:：]\s*(?P<value>\S.*)$", re.I)
    source_prefix_re = re.compile(rf"^\W*(?:{alternation(sources)})\b(?P<value>.*)$", re.I)
    dates = data.load("dates")
    month_words = frozenset(w for items in dates["months"].values() for w in items)
    weekday_words = frozenset(w for items in dates["weekdays"].values() for w in items)
    units = frozenset(dates["relative"]["units"])
    markers = frozenset(dates["relative"]["markers"])
    day_words = frozenset(dates["days"]["all"])
    date_words = (frozenset(w for items in dates["labels"].values() for w in items) | month_words | weekday_words
                  | day_words)
    error_prompts = [p for items in table["error_prompts"].values() for p in items]
    republished = [p for items in table["republished"].values() for p in items]
    contact = alternation(p for items in table["error_contact"].values() for p in items)
    return Lexicon(
        share=share,
        related=data.all_phrases("boilerplate", "related"),
        byline=byline,
        source=source,
        photo=photo,
        social=frozenset(table["social"]["names"]),
        share_connectors=frozenset(w for items in table["share_connectors"].values() for w in items),
        nav=data.all_phrases("boilerplate", "nav"),
        home=frozenset(data.all_phrases("boilerplate", "home")),
        ads=data.all_phrases("boilerplate", "ads"),
        comments=data.all_phrases("boilerplate", "comments"),
        counters=data.all_phrases("boilerplate", "counters"),
        forum_buttons=frozenset(data.all_phrases("boilerplate", "forum_buttons")),
        forum_fields=frozenset(data.all_phrases("boilerplate", "forum_fields")),
        label_re=label_re,
        by_re=by_re,
        trailing_photo_re=trailing_photo_re,
        cta_re=cta_re,
        cta_open_ended=frozenset(p for items in table["cta_open_ended"].values() for p in items),
        cta_object_re=_words_and_stems(p for items in table["cta_object"].values() for p in items),
        attribution_re=re.compile(
            rf"\b(?:{alternation(p for items in table['attribution'].values() for p in items)})\b", re.I
        ),
        cta_first=_first_words(cta),
        source_first=_first_words(sources),
        consent_re=consent_re,
        consent_words=_gate_words(consent),
        consent_context_re=_word_starts(p for items in table["consent_context"].values() for p in items),
        copyright_re=copyright_re,
        copyright_words=_gate_words([*table["copyright"]["all"], "copyright"]),
        licence_re=re.compile(alternation(table["licence"]["all"]), re.I),
        credits_re=re.compile(rf"^\W*(?:{alternation(table['credits']['openers'])})", re.I),
        author_heads=frozenset(table["credits"]["section_heads"]),
        licence_heads=frozenset(table["licence"]["section_heads"]),
        salutation_re=re.compile(
            rf"^\W*(?:{alternation(p for items in table['letter'].values() for p in items)})\b.{{0,60}}[,:!]$", re.I
        ),
        closing_re=re.compile(
            rf"^\W*(?:{alternation(p for items in table['closing'].values() for p in items)})(?:\W.{{0,80}})?$", re.I
        ),
        tags_re=tags_re,
        lowercase_tag_labels=frozenset(table["tags_lowercase"]["all"]),
        disclosure_re=re.compile(alternation(disclosure), re.I),
        disclosure_words=_gate_words(disclosure),
        source_prefix_re=source_prefix_re,
        date_words=date_words | units | markers,
        month_words=month_words,
        weekday_words=weekday_words,
        units=units,
        markers=markers,
        published_words=frozenset(w for items in dates["published"].values() for w in items),
        abbreviated_dates=frozenset(w for items in dates["abbreviations"].values() for w in items),
        clock_words=frozenset(dates["clock"]["words"]),
        day_words=day_words,
        widgets=data.all_phrases("boilerplate", "widgets"),
        feedback=data.all_phrases("boilerplate", "feedback"),
        feedback_answers=frozenset(table["feedback_answers"]["all"]),
        # The question is the phrase alone: `Found an error in your tax return? Contact the tax office ...`
        # is advice, not a site's prompt.
        error_prompt_re=re.compile(rf"^\W*(?:{alternation(error_prompts)})\s*[?？]\s*(?P<rest>\S.*)$", re.I),
        error_prompt_first=_first_words(error_prompts),
        # The contact words open a word (`contact` in `contacta`, `contactez`).
        error_contact_re=re.compile(rf"(?<!\w)(?:{contact})|(?:ctrl|strg)\s*\+\s*enter|[\w.+-]+@[\w-]+\.\w", re.I),
        republished_re=re.compile(rf"^\W*(?:{alternation(republished)})\b", re.I),
        republished_first=_first_words(republished),
    )


def _first_words(phrases: list[str]) -> frozenset[str]:
    return frozenset(words(p.lower())[0] for p in phrases if words(p))


def _gate_words(phrases: list[str]) -> frozenset[str]:
    """The longest word of each phrase. A search over a hundred alternatives on
    every line is the slowest thing a detector can do; a set intersection with
    the line's words is not. Phrases in scripts without spaces (版权所有) are
    searched on every line that has such characters."""
    return frozenset(max(words(p.lower()), key=len) for p in phrases if words(p))


_DATE_TOKEN = re.compile(
    r"(?P<iso>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<numeric>\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
    r"|(?P<time>\d{1,2}[:.h]\d{2}(?::\d{2})?(?:[ap]\.?m\.?)?)"
    r"|(?P<number>\d{1,4}(?:st|nd|rd|th|º|°|er|\.)?)"
    r"|(?P<word>[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?)",
    re.UNICODE,
)
_DATE_GAP = re.compile(r"[\s,|/·•—–\-()\[\]:.@（）：、，،]*")
# A figure a date never holds: a number of three digits (no day, month or
# year has three) or a decimal comma (`652,1`). A table's rows `Febrero: 652,1`
# and `Abril: 28,4` name a month over a figure and are data, not a scraper's
# date line. `16,2026` (a year after the comma) is not a decimal.
_NOT_DATE_FIGURE = re.compile(r"(?<![\d.,])\d{3}(?!\d)|\d,\d{1,2}(?!\d)")


def is_written_date(text: str, lex: Lexicon) -> bool:
    """A date line as a text writes its own date: its month named and written
    out, as any weekday; no clock time, no relative time, no label that says a
    page was published or updated. Minutes' `12 maart 2025`, a diary's
    `Neděle 21. dubna 2024`; not a scraper's `Fri Jan 16 2026`, ` date
    2026-01-16 ` or `Published 16 January 2026`."""
    if not is_date_line(text, lex):
        return False
    unit = marker = month = False
    for match in _DATE_TOKEN.finditer(text.strip().lower()):
        kind = match.lastgroup
        if kind in ("time", "iso", "numeric"):
            return False
        if kind == "word":
            word = match.group().rstrip(".")
            if (word in lex.published_words or word in lex.abbreviated_dates or word in lex.clock_words
                    or match.group().endswith(".")):
                return False
            unit, marker = unit or word in lex.units, marker or word in lex.markers
            month = month or word in lex.month_words
    return month and not (unit and marker)  # `3 hours ago`, `há 2 dias`


def is_date_line(text: str, lex: Lexicon) -> bool:
    """True when every token of ``text`` is a date, time, month, weekday or label word,
    and the line holds an actual date (a month name, or a numeric date), or a
    relative or reading time ("3 hours ago", "Lesezeit: 4 Min.", "5時間前"), or
    a clock time on a day named relatively ("Vandaag, 14:32", "Yesterday at
    9:15 PM")."""
    stripped = text.strip()
    if not stripped or len(stripped) > 100 or not DIGIT.search(stripped):
        return False
    lowered = stripped.lower()
    if _NOT_DATE_FIGURE.search(lowered):
        return False
    pos, has_date, has_time, has_weekday, numbers = 0, False, False, False, 0
    has_unit = has_marker = has_day = False
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
            if word in lex.month_words:
                has_date = True
            elif word in lex.weekday_words:
                has_weekday = True
            elif word in lex.day_words:
                has_day = True
            elif word not in lex.date_words:
                return False
            has_unit = has_unit or word in lex.units
            has_marker = has_marker or word in lex.markers
    if not _DATE_GAP.fullmatch(lowered, pos):
        return False
    relative = numbers >= 1 and has_unit and has_marker
    return has_date or relative or (numbers >= 1 and (has_weekday or has_time)) or (has_day and has_time)
