"""Intact mojibake that ftfy leaves alone: UTF-8 read as a code page its
badness pattern does not watch, or only part of a line read wrongly.

ftfy repairs a line only when its badness pattern fires, and the pattern
knows the shapes Windows-1252 and Latin-1 mojibake take. UTF-8 read as
Windows-1251 turns Spanish `anunció` into `anunciГі` and French `président`
into `prГ©sident`; read as Windows-1253 `anunció` is `anunciΓ³`; read as
ISO-8859-2 `König` is `KĂśnig`; read as MacRoman `più` is `pi√π`; read as code
page 437 `König` is `K├╢nig`. None of these fires the pattern, so ftfy returns
the line as it is (benchmarks/mojibake.py: ftfy.fix_encoding repairs 27% of
the Windows-1251 lines and 62% of the Windows-1253 ones). ftfy also reads a
whole line or nothing: Polish `Łódź ... wielkoÅ›ci`, whose first half is
intact, cannot be encoded as Windows-1252, so `Å›` stays.

This module reads each line as each of these code pages in turn and looks for
runs that are well-formed UTF-8 once encoded back (`Г©` is C3 A9, `é`). A
random pair of characters almost never is, but a few are, so a run is
repaired only when the repair is plainly better than the text:

* every character it decodes to is a common letter of one script (Latin with
  its European and Vietnamese letters, Greek, Cyrillic, Hebrew, Arabic,
  Indic, Thai, CJK, Korean...) or common punctuation, never a control, an
  archaic letter (Cyrillic `ѩ`) or an IPA letter;
* the repaired word is in one script: `prГ©sident` becomes `président`, all
  Latin, while a Ukrainian `Ні` read as Windows-1251 would become Greek `ͳ`
  beside Cyrillic letters, and stays;
* the run itself is not plausible text: it holds a symbol or punctuation
  inside a word (`©` in `prГ©sident`, `…` in Greek `ОєП…ОІ`), or letters of
  another script than the word's. Punctuation at a word's edge is no sign:
  `PÅ»` is a Swedish capital before a guillemet, not a `Ż`. A run of letters
  of the word's own script (ISO-8859-2 `Ăł` in `prĂłximo`) is repaired only
  when the repaired word is listed and the damaged one is not, or the
  character model finds it far likelier;
* a word that is one short run and nothing else (`О—` for Greek `Η`) is
  repaired only beside a stronger repair on the same line from the same code
  page, in the same script.

The lost-byte search's regions are left to it. Where ftfy repaired the same
span, encoding.py keeps the better of the two readings (see ``beats``); a line
ftfy reads as Windows-1252 or Latin-1 is left to ftfy altogether.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .textutil import meets

# The code pages looked at. Where two read a run the same (`Å›` is `ś` in
# Windows-1252 and Windows-1257 alike), the finding names the one that comes
# first here, the more common source of mojibake: Windows-1252 before the rest.
CODE_PAGES = (
    "sloppy-windows-1252",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "iso-8859-2",
    "sloppy-windows-1253",
    "sloppy-windows-1257",
    "macroman",
    "cp437",
)

# Letters a repair may produce, by script, as code point ranges: the letters
# of living orthographies, not archaic, phonetic or presentation forms.
_LETTER_RANGES = (
    (0x00C0, 0x024F),  # Latin-1 Supplement and Latin Extended-A; of Extended-B, only _EXTENDED_B
    (0x0386, 0x03CE),  # Greek with tonos
    (0x0400, 0x045F),  # Cyrillic, with the Ukrainian, Belarusian, Serbian and Macedonian letters
    (0x0490, 0x0491),  # Ukrainian ґ
    (0x0531, 0x0587),  # Armenian
    (0x05B0, 0x05EA),  # Hebrew points and letters
    (0x0620, 0x065F),  # Arabic letters and harakat
    (0x0671, 0x06D3),  # Arabic letters of Persian and Urdu
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x0E01, 0x0E5B),  # Thai
    (0x10D0, 0x10FA),  # Georgian
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x3041, 0x30FF),  # kana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK
    (0xAC00, 0xD7A3),  # Hangul
)
# Latin Extended-B is mostly African, phonetic and historic letters: of it,
# only these are in the alphabets of European and Vietnamese writing.
_EXTENDED_B = frozenset("ƏəǍǎǏǐǑǒǓǔȘșȚț")
# Vietnamese `ơ` and `ư` are, to any other language, letters of nowhere: they
# count only on a line that already holds another Vietnamese letter. Without
# that, Italian `cittĆ\xa0` (Windows-1257 mojibake of `città`) read as
# Windows-1250 would be a plausible `cittƠ`.
_HORN = frozenset("ƠơƯư")
_VIETNAMESE = re.compile("[\u0110\u0111\u1ea0-\u1ef9]")
# Punctuation a repair may produce: the General Punctuation marks of running
# text, the euro sign, and Latin-1's guillemets, inverted marks and no-break space.
_PUNCTUATION = frozenset("‐‑‒–—―‘’‚‛“”„‟†‡•…‰′″‹›€™«»¡¿\u00a0°·")
# CJK punctuation and full-width forms (`、`, `。`, `，`) end the words of
# Chinese and Japanese lines.
_CJK_PUNCTUATION = ((0x3000, 0x303F), (0xFF01, 0xFF65))
_BOX_DRAWING = re.compile("[\u2500-\u259f]+")
_EDGE = frozenset("“”„‟‘’‚‛«»‹›\"'()[]{}.,;:!?…")


@dataclass(frozen=True, slots=True)
class Repair:
    """A run of a line and what it should be, with a message naming the code page."""

    start: int
    end: int
    replacement: str
    message: str


@dataclass(frozen=True, slots=True)
class _CodePage:
    codec: str
    sequence: re.Pattern[str]  # one UTF-8 sequence as this code page shows it
    run: re.Pattern[str]  # a run of them


@dataclass(slots=True)
class _Run:
    start: int
    end: int
    decoded: str
    sequences: int  # UTF-8 sequences: `Г©` is one, `ОєП…ОІ` three


@dataclass(slots=True)
class _Reading:
    """A word read as mojibake of one code page."""

    codec: str
    start: int
    end: int
    runs: list[_Run]
    repaired: str
    script: str  # of the repaired word's letters ("" when it has none)
    strong: bool  # False: one short run and nothing else, which needs a stronger reading beside it


@lru_cache(maxsize=1)
def _pages() -> tuple[_CodePage, ...]:
    pages = []
    for codec in CODE_PAGES:
        lead2, lead3, lead4, cont = (_escaped(_chars(codec, first, last))
                                     for first, last in ((0xC2, 0xDF), (0xE0, 0xEF), (0xF0, 0xF4), (0x80, 0xBF)))
        one = f"[{lead2}][{cont}]|[{lead3}][{cont}]{{2}}|[{lead4}][{cont}]{{3}}"
        pages.append(_CodePage(codec, re.compile(one), re.compile(f"(?:{one})+")))
    return tuple(pages)


def _chars(codec: str, first: int, last: int) -> set[str]:
    """The characters ``codec`` shows for bytes ``first``..``last``. A byte the
    code page leaves undefined (a C1 control in the sloppy codecs) is left
    out: a run holding one is the lost-byte search's."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

    out = set()
    for byte in range(first, last + 1):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char) != "Cc":
            out.add(char)
    return out


def _escaped(chars: set[str] | frozenset[str]) -> str:
    return "".join(re.escape(char) for char in sorted(chars))


@lru_cache(maxsize=1)
def _pair_sets() -> tuple[str, str]:
    """Every code page's first characters of a sequence, and its continuations."""
    leads = set().union(*(_leads(codec) for codec in CODE_PAGES))
    conts = set().union(*(_conts(codec) for codec in CODE_PAGES))
    return _escaped(leads), _escaped(conts)


@lru_cache(maxsize=1)
def _screen() -> re.Pattern[str]:
    """Any code page's first two characters of a sequence. A pattern that
    starts with a character set lets the regex engine skip to the next
    candidate; most lines and documents have none."""
    leads, conts = _pair_sets()
    return re.compile(f"[{leads}][{conts}]")


@lru_cache(maxsize=1)
def _pairs() -> re.Pattern[str]:
    """The same pairs, overlapping (in `ABC` both `AB` and `BC`), for a line the screen let through."""
    leads, conts = _pair_sets()
    return re.compile(f"(?=([{leads}][{conts}]))")


@lru_cache(maxsize=4096)
def _pages_of(pair: str) -> tuple[_CodePage, ...]:
    """The code pages in which ``pair`` can begin a sequence. A Ukrainian line
    holds `Ні` and `Сі` (Windows-1251 for `ͳ` and `ѳ`) by the dozen, and is
    read as that one code page, not all eight."""
    return tuple(page for page in _pages() if pair[0] in _leads(page.codec) and pair[1] in _conts(page.codec))


@lru_cache(maxsize=len(CODE_PAGES))
def _leads(codec: str) -> frozenset[str]:
    return frozenset(_chars(codec, 0xC2, 0xF4))


@lru_cache(maxsize=len(CODE_PAGES))
def _conts(codec: str) -> frozenset[str]:
    return frozenset(_chars(codec, 0x80, 0xBF))


def might_hold(text: str) -> bool:
    """Whether ``text`` holds any code page's start of a sequence: one scan of
    a whole document, where most documents have none, spares a scan per line."""
    return _screen().search(text) is not None


def codepage_repairs(line: str, taken: list[tuple[int, int]]) -> list[Repair]:
    """The runs of ``line`` that are UTF-8 read as one of CODE_PAGES, outside
    the spans in ``taken``, with their repairs.

    A word can read well as more than one code page: ISO-8859-2 `prĂŠsident`
    is `président`, and read as Windows-1250 (where `Š` is another byte) it
    is `prÊsident`. Which reading wins is settled by ``_best``."""
    if line.isascii() or _screen().search(line) is None:
        return []
    pages: set[_CodePage] = set()
    for pair in set(_pairs().findall(line)):  # the pairs, each once
        pages.update(_pages_of(pair))
    if not pages:
        return []
    claimed = sorted(taken)
    vietnamese = _VIETNAMESE.search(line) is not None
    readings: list[_Reading] = []
    for page in _pages():
        if page not in pages:
            continue
        runs = [run for run in _runs(line, page) if not _overlaps(run.start, run.end, claimed)]
        for word_runs, start, end in _words(line, runs):
            reading = _judge(line, start, end, word_runs, page.codec, vietnamese)
            if reading is not None:
                readings.append(reading)
    judge = _LineJudge(line, readings)
    strong = [r for r in readings if r.strong]
    chosen = judge.best(sorted(strong, key=lambda r: (r.start, r.end)))
    # A page supports a lone short word where it read a word of the line, or
    # read one just as the chosen page did (`ferĂ°amenn` is `ferðamenn` in
    # ISO-8859-2 and in Windows-1250 alike, so Icelandic `ĂĄ` may still be `á`).
    same = {(r.start, r.end, r.repaired) for r in chosen}
    supported = {(r.codec, r.script) for r in strong if (r.start, r.end, r.repaired) in same}
    # The chosen words do not overlap: one bisection per lone word, not a scan.
    spans = sorted((c.start, c.end) for c in chosen)
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    weak = [r for r in readings if not r.strong and (r.codec, r.script) in supported
            and not meets(r.start, r.end, starts, ends)]
    chosen += judge.best(sorted(weak, key=lambda r: (r.start, r.end)))
    repairs = []
    for reading in chosen:
        from .encoding import describe_plan

        plan = describe_plan([("encode", reading.codec), ("decode", "utf-8")])
        for run in reading.runs:
            damaged = line[run.start : run.end]
            repairs.append(Repair(run.start, run.end, run.decoded, f"'{damaged}' should be '{run.decoded}': {plan}"))
    return sorted(repairs, key=lambda r: r.start)


def beats(line: str, start: int, end: int, replacement: str, rivals: list[Repair]) -> bool:
    """Whether ``rivals`` (this module's repairs) read the word better than
    another repair of ``line[start:end]`` (ftfy's, read as another code page).
    They do when the other leaves a letter no living orthography uses
    (`niƱos`, ftfy's reading of Windows-1257 `niĆ±os` as Windows-1250) or a
    capital after a small letter (`prÊsident`, of ISO-8859-2 `prĂŠsident`)
    and they do not, or when the character model finds their word likelier
    by a wide margin (`Hükümet` over `Hßkßmet`)."""
    low = min([start, *(r.start for r in rivals)])
    high = max([end, *(r.end for r in rivals)])
    while low > 0 and _word_char(line[low - 1]):
        low -= 1
    while high < len(line) and _word_char(line[high]):
        high += 1
    theirs = line[low:start] + replacement + line[end:high]
    ours, pos = [], low
    for rival in sorted(rivals, key=lambda r: r.start):
        ours += [line[pos : rival.start], rival.replacement]
        pos = rival.end
    ours.append(line[pos:high])
    mine = "".join(ours)
    vietnamese = _vietnamese_line(line) or _VIETNAMESE.search(theirs + mine) is not None
    if _poor(theirs, vietnamese) != _poor(mine, vietnamese):
        return _poor(theirs, vietnamese)
    return _model_log10(mine) - _model_log10(theirs) >= _GAIN_PER_SEQUENCE


@lru_cache(maxsize=4)
def _vietnamese_line(line: str) -> bool:
    """Whether the line holds a letter only Vietnamese writes. Asked once per
    contested word: cached, or a line of 12,000 such words was read 12,000
    times (a str caches its hash, so the lookup does not read it again)."""
    return _VIETNAMESE.search(line) is not None


def line_reads_better(line: str, theirs: list[tuple[int, int, str]], rivals: list[Repair]) -> bool:
    """Whether the line with ``rivals`` (this module's repairs) is likelier
    text than with ``theirs`` (ftfy's repairs of the same words, as another
    code page), each read in the language that suits it best. ftfy tries the
    code pages in a fixed order and takes the first that reads; two pages
    can both read a word (ISO-8859-2 and Windows-1250 `MĂĽnga` are `Många`
    and `Münga`), and then only the rest of the line tells which: `Många
    människor åker till fjällen` is Swedish, `Münga människor üker` is
    no language's."""
    ours = _words_of(line, [(r.start, r.end, r.replacement) for r in rivals])
    return _text_log10(ours) - _text_log10(_words_of(line, theirs)) >= _GAIN_PER_LINE


def _words_of(line: str, repairs: list[tuple[int, int, str]]) -> list[str]:
    """The first words of ``line`` with ``repairs`` (spans that do not overlap) made."""
    pieces, pos = [], 0
    for start, end, replacement in sorted(repairs):
        pieces += [line[pos:start], replacement]
        pos = end
    pieces.append(line[pos:])
    return _LETTERS.findall("".join(pieces))[:_LINE_WORDS]


# How much likelier (log10) the line must read with the search's repairs than
# with ftfy's to take them (see line_reads_better): Swedish `Många ... åker`
# gains 8.9 over `Münga ... üker`.
_GAIN_PER_LINE = 2.0


def _text_log10(words: list[str]) -> float:
    """The character model's log10 probability of ``words``, in the one language that likes them best."""
    from .lexicon import charmodel, fold

    return charmodel().text_log10([fold(word) for word in words])


def _poor(word: str, vietnamese: bool) -> bool:
    return any(char.isalpha() and not char.isascii() and not _allowed(char, vietnamese) for char in word) \
        or _camel(word)


def _camel(word: str) -> bool:
    from .encoding_lossy import camel

    return camel(word)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _runs(line: str, page: _CodePage) -> list[_Run]:
    """Runs of ``line`` that encode in ``page`` to well-formed UTF-8. A run the
    pattern finds can still hold an ill-formed sequence (an overlong `E0 80 80`,
    a surrogate): it is then read sequence by sequence."""
    runs: list[_Run] = []
    for match in page.run.finditer(line):
        text = match.group()
        decoded = _decode(text, page.codec)
        if decoded is not None:
            runs.append(_Run(match.start(), match.end(), decoded, len(page.sequence.findall(text))))
            continue
        current: _Run | None = None
        for one in page.sequence.finditer(text):
            piece = _decode(one.group(), page.codec)
            start, end = match.start() + one.start(), match.start() + one.end()
            if piece is None:
                current = None
            elif current is not None and current.end == start:
                current.end, current.decoded, current.sequences = end, current.decoded + piece, current.sequences + 1
            else:
                current = _Run(start, end, piece, 1)
                runs.append(current)
    return runs


def _decode(text: str, codec: str) -> str | None:
    try:
        return text.encode(codec).decode("utf-8")
    except UnicodeError:
        return None


def _words(line: str, runs: list[_Run]) -> Iterator[tuple[list[_Run], int, int]]:
    """Runs grouped by the word that holds them, with the word's span: a word
    runs on over letters and marks, and over the runs themselves (`ЕЃГіdЕє`
    for `Łódź` is one word of two runs)."""
    i = 0
    while i < len(runs):
        start = runs[i].start
        floor = runs[i - 1].end if i else 0
        while start > floor and _word_char(line[start - 1]):
            start -= 1
        group = [runs[i]]
        end = runs[i].end
        while True:
            limit = runs[i + 1].start if i + 1 < len(runs) else len(line)
            while end < limit and _word_char(line[end]):
                end += 1
            if end == limit and i + 1 < len(runs):
                i += 1
                group.append(runs[i])
                end = runs[i].end
                continue
            break
        yield group, start, end
        i += 1


def _word_char(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char)[0] == "M"


def _judge(line: str, start: int, end: int, runs: list[_Run], codec: str, vietnamese: bool) -> _Reading | None:
    """The reading of the word ``line[start:end]`` with ``runs`` repaired, if it
    is plainly better than the word as it stands (see the module's docstring)."""
    pieces, pos = [], start
    for run in runs:
        pieces += [line[pos : run.start], run.decoded]
        pos = run.end
    pieces.append(line[pos:end])
    repaired = "".join(pieces)
    vietnamese = vietnamese or _VIETNAMESE.search(repaired) is not None  # `trĆ°á»ťng` is `trường`
    if not all(_allowed(char, vietnamese) for run in runs for char in run.decoded):
        return None
    # A mark counts with the letters: Arabic fatha from Czech `ŮŽ` (Windows-1250
    # D9 8E) in `KŮŽI` would sit on a Latin letter.
    scripts = {_script(char) for char in repaired if _word_char(char)}
    if len(scripts) > 1:
        return None
    word_script = next(iter(scripts), "")
    if not word_script:
        # Punctuation only (`вЂ™` for `’`): three-byte sequences, which no text spells by chance.
        if all(run.sequences == 1 and len(run.decoded) == 1 and ord(run.decoded) >= 0x2000
               and _implausible(line, run, start, end, "") for run in runs):
            return _Reading(codec, start, end, runs, repaired, "", True)
        return None
    if _camel(repaired) and not _camel(line[start:end]):
        return None  # a repair makes no capital after a small letter: `prÊsident` is no reading of `prĂŠsident`
    if not all(_implausible(line, run, start, end, word_script) for run in runs) \
            and not _likelier(line[start:end], repaired, sum(run.sequences for run in runs)):
        return None
    context = any(char.isalpha() for piece in pieces[::2] for char in piece)
    if not context and all(_BOX_DRAWING.fullmatch(line[run.start : run.end]) for run in runs):
        return None  # `─┐─┐` in a drawn table is code page 437 for `ĿĿ`; `K├╢nig` has letters beside it
    strong = context or sum(run.sequences for run in runs) >= 2
    return _Reading(codec, start, end, runs, repaired, word_script, strong)


def _implausible(line: str, run: _Run, start: int, end: int, word_script: str) -> bool:
    """The run is not text a writer of ``word_script`` would write: it holds a
    symbol or punctuation inside the word, or a letter of another script (or
    letters of two)."""
    letter_scripts = set()
    for i in range(run.start, run.end):
        char = line[i]
        if char.isalpha():
            letter_scripts.add(_script(char))
        elif not ((i == start or i == end - 1) and char in _EDGE):
            return True  # `PÅ»`: a guillemet after a word is no sign
    return len(letter_scripts) > 1 or bool(letter_scripts - {word_script})


# How much likelier (log10, per repaired sequence) the character model must
# find a word of letters of one script repaired than as it stands: ISO-8859-2
# `prĂłximo` gains 14.8 as `próximo`, while Romanian `păşune` read as
# Windows-1250 (`pêune`) loses 6.
_GAIN_PER_SEQUENCE = 4.0


def _likelier(damaged: str, repaired: str, sequences: int) -> bool:
    """The repaired word is listed and the damaged one is not, or the character
    model finds it likelier by a wide margin."""
    from .lexicon import fold, lexicon

    lex = lexicon()
    if len(repaired) >= 2 and lex.frequency(fold(repaired)) and not lex.frequency(fold(damaged)):
        return True
    return _model_log10(repaired) - _model_log10(damaged) >= _GAIN_PER_SEQUENCE * sequences


# Romanian is written with `ş` and `ţ` (cedilla) as often as with `ș` and `ț`
# (comma), and the model learnt the comma: `ăştia` must be read as `ăștia`,
# or its cedilla makes Windows-1250 `Ăş` -> `ú` (`útia`) look likelier.
_COMMA_BELOW = str.maketrans("şţ", "șț")


def _model_log10(word: str) -> float:
    """The character model's log10 probability of ``word`` in the language that likes it best."""
    from .lexicon import charmodel, fold

    model = charmodel()
    letters = fold("".join(char for char in word if char.isalpha()))
    forms = {letters, letters.translate(_COMMA_BELOW)}
    return max(model.word_log10(lang, form) for lang in model.languages for form in forms)


class _LineJudge:
    """Chooses among readings of the same word as different code pages, for
    one line. A line is damaged by one process, so the code page that alone
    explains other words of the line is the likelier one here, and then the
    page whose reading of the whole line the character model finds likelier,
    in the one language that suits that reading best: ISO-8859-2 `MĂĽnga
    mĂ¤nniskor ĂĽker` is `Många människor åker`, where Windows-1250 reads
    `Münga` and `üker`, German-looking words the model finds likelier than
    `Många` and `åker` taken one by one."""

    def __init__(self, line: str, readings: list[_Reading]) -> None:
        self.line = line
        self.readings = readings
        # Sequences each code page explains in words no other page reads: the
        # readings in groups that overlap, found in one sweep (a long line of
        # mojibake holds thousands of readings; comparing each pair was quadratic).
        self.alone: dict[str, int] = {}
        for group in _clusters(sorted(readings, key=lambda r: (r.start, r.end))):
            if len({r.codec for r in group}) == 1:
                self.alone[group[0].codec] = self.alone.get(group[0].codec, 0) + sum(map(_sequences, group))
        self._line_log10: dict[str, float] = {}

    def best(self, readings: list[_Reading]) -> list[_Reading]:
        """Of readings (sorted by span) whose words overlap, those of the code
        page that explains the most UTF-8 sequences there; on a tie, the one
        that alone explains more of the line, then the one whose reading of
        the line is likelier (then the first code page). A Japanese line read
        as Windows-1251 is one word of thirty sequences; a MacRoman `–°`
        inside it (`С`) explains one."""
        chosen: list[_Reading] = []
        for cluster in _clusters(readings):
            by_page: dict[str, list[_Reading]] = {}
            for member in cluster:
                by_page.setdefault(member.codec, []).append(member)
            chosen += cluster if len(by_page) == 1 else max(by_page.values(), key=self._support)
        return chosen

    def _support(self, readings: list[_Reading]) -> tuple[int, int, float, int]:
        codec = readings[0].codec
        return sum(map(_sequences, readings)), self.alone.get(codec, 0), self._line_read_as(codec), \
            -CODE_PAGES.index(codec)

    def _line_read_as(self, codec: str) -> float:
        """log10 probability of the line with every word ``codec`` reads repaired."""
        if codec not in self._line_log10:
            repairs = [(r.start, r.end, r.repaired) for r in self.readings if r.codec == codec]
            self._line_log10[codec] = _text_log10(_words_of(self.line, repairs))
        return self._line_log10[codec]


def _clusters(readings: list[_Reading]) -> Iterator[list[_Reading]]:
    """Readings sorted by span, in groups whose words overlap, in one sweep."""
    cluster: list[_Reading] = []
    end = -1
    for reading in readings:
        if cluster and reading.start < end:
            cluster.append(reading)
            end = max(end, reading.end)
            continue
        if cluster:
            yield cluster
        cluster, end = [reading], reading.end
    if cluster:
        yield cluster


_LETTERS = re.compile(r"[^\W\d_]+")
_LINE_WORDS = 40  # enough to tell a line's language; a 20 MB line is not read whole


def _sequences(reading: _Reading) -> int:
    return sum(run.sequences for run in reading.runs)


@lru_cache(maxsize=4096)
def _allowed(char: str, vietnamese: bool) -> bool:
    """``char`` may be written by a repair: a common letter or mark of a living
    orthography, or punctuation of running text."""
    code = ord(char)
    if char in _PUNCTUATION or any(first <= code <= last for first, last in _CJK_PUNCTUATION):
        return True
    if char in _HORN:
        return vietnamese
    if 0x0180 <= code <= 0x024F:
        return char in _EXTENDED_B
    if code in (0x00D7, 0x00F7):  # × ÷, amid the Latin-1 letters
        return False
    return any(first <= code <= last for first, last in _LETTER_RANGES) and unicodedata.category(char)[0] in "LM"


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    from .encoding_lossy import script

    return script(char)
