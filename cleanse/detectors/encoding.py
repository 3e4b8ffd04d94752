"""Mojibake and character-level damage, found and repaired span by span.

ftfy does the heavy lifting for *intact* mojibake (``donâ€™t`` -> ``don’t``),
but only through ``fix_encoding``: ftfy's default ``fix_text`` also uncurls
every quote and widens full-width forms, and typography is not mojibake. ftfy
fixes a whole line at a time and says nothing about where; this module runs it
per damaged line and aligns the result against the original, so each damaged
run becomes its own finding with offsets.

What ftfy cannot repair is *lossy* mojibake, where a byte vanished after the
wrong decoding. The commonest case: ``í`` is UTF-8 ``C3 AD``; read as
Windows-1252 that is ``Ã`` plus an invisible soft hyphen, which HTML-to-text
tools and copy-paste strip, leaving ``artÃculo``. ftfy sees nothing wrong
(badness 0), yet ``Ã`` followed by a lowercase letter inside a word has no
business in real text: Portuguese and Vietnamese write ``Ã`` in capitals
(``SÃO PAULO``, ``NÃO``) and never between two lowercase letters.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..document import Document
from ..rules import rule
from .base import Context, Detector, Hit

LOSSY_MOJIBAKE = rule(
    id="ENC001",
    name="lossy-mojibake",
    category="encoding",
    severity="error",
    summary="Mojibake that lost a byte (the soft hyphen of `í`): `artÃculo` for `artículo`.",
    rationale=(
        "UTF-8 `í` (C3 AD) read as Windows-1252 is `Ã` plus a soft hyphen; once the invisible soft hyphen "
        "is stripped, `Comparte este artÃculo` is left, which ftfy cannot detect or repair. A capital `Ã` "
        "between lowercase letters is never correct text, so it is restored to `í`; a `Â` inside a word "
        "is what remains of a soft hyphen (C2 AD) itself and is removed."
    ),
    example="Comparte este artÃculo -> Comparte este artículo; SilbenÂtrennung -> Silbentrennung",
    fix="replaces `Ã` with `í`, removes a stray `Â`",
)
MOJIBAKE = rule(
    id="ENC002",
    name="mojibake",
    category="encoding",
    severity="error",
    summary="Text decoded with the wrong encoding, repaired with ftfy span by span: `donâ€™t` for `don’t`.",
    rationale=(
        "UTF-8 bytes read as Windows-1252, Latin-1, MacRoman or another single-byte code page turn every "
        "non-ASCII character into two or three wrong ones. ftfy's fix_encoding repairs intact mojibake; "
        "cleanse runs it on damaged lines only and reports each damaged run with its offsets."
    ),
    example="donâ€™t -> don’t; cafÃ© -> café; ÐŸÑ€Ð¸Ð²ÐµÑ‚ -> Привет",
    fix="replaces the span with ftfy's repair",
)
REPLACEMENT_CHARACTER = rule(
    id="ENC003",
    name="replacement-character",
    category="encoding",
    severity="warning",
    summary="U+FFFD `�` where a decoder gave up on a byte: the original character is lost.",
    rationale=(
        "A `�` means some earlier step met bytes it could not decode and threw them away (`K�nig`). The "
        "character cannot be recovered from the text alone, so the span is reported for a person to fix."
    ),
    example="K�nig",
    fix="report only",
)
CONTROL_CHARACTER = rule(
    id="ENC004",
    name="control-character",
    category="encoding",
    severity="warning",
    summary="C0 control characters and DEL inside text (tab, line breaks and form feed excepted; C1 controls are ENC002).",
    rationale=(
        "Control characters such as `\\x00`, `\\x1b` or `\\x7f` carry no text; they come from binary "
        "residue, terminal escapes or broken converters and break tokenisers and renderers downstream."
    ),
    example="price\\x1b[0m list",
    fix="removes the character",
)
INVISIBLE_CHARACTER = rule(
    id="ENC005",
    name="invisible-character",
    category="encoding",
    severity="warning",
    summary="A byte-order mark or zero-width space inside the text: `Mos\\u200bcow`.",
    rationale=(
        "U+FEFF is a byte-order mark, meaningful only as a file's first character; inside text it is the "
        "residue of concatenated files. U+200B and U+2060 split words invisibly, so `Mos\\u200bcow` no "
        "longer matches `Moscow`. Joiners (U+200C, U+200D) are left alone: Persian, Indic scripts and "
        "emoji sequences need them."
    ),
    example="Mos\\u200bcow",
    fix="removes the character",
)

# A lowercase-or-accented letter before and a lowercase letter after: `artÃculo`, `PolÃtica`.
# `SÃO` (uppercase after) and `Ã la` (space after) do not match.
_LOSSY_I = re.compile(r"(?<=[a-zà-ÿ])Ã(?=[a-zà-ÿ])")
_LOSSY_SHY = re.compile(r"(?<=[a-zà-ÿ])Â(?=[a-zà-ÿ])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u2060]")
# C1 controls are part of mojibake (cp1252 bytes read as Latin-1) and go to ftfy.
_SUSPECT = re.compile(r"[\x80-\xff\u0100-\u017f\u0192\u02c6-\u02dd\u0391-\u03c9\u0401-\u045f\u2013-\u203a\u20ac\u2122\u221a\u2248\u2264\u2265\u2500-\u257f\ufffd]")
_WORD = re.compile(r"\S+")

_CODEC_NAMES = {
    "latin-1": "Latin-1",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "code page 437",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8 (CESU-8 variant)",
}


def _codec(name: str) -> str:
    name = name.replace("sloppy-", "")
    if name.startswith("windows-"):
        return "Windows-" + name.split("-", 1)[1]
    return _CODEC_NAMES.get(name, name)


def describe_plan(steps: list) -> str:
    """Put ftfy's explanation of a repair into words."""
    wrong = [_codec(param) for action, param in steps if action == "encode"]
    if "decode_inconsistent_utf8" in [param for action, param in steps if action == "apply"] and not wrong:
        return "UTF-8 read as a single-byte code page"
    if not wrong:
        if any(param == "fix_c1_controls" for _, param in steps):
            return "Windows-1252 bytes read as Latin-1 control characters"
        return "text decoded with the wrong encoding"
    decoded = [_codec(param) for action, param in steps if action == "decode"]
    if decoded and decoded[0] == "Windows-1252" and wrong[0] == "Latin-1":
        return "Windows-1252 bytes read as Latin-1 control characters"
    if len(wrong) > 1:
        return f"UTF-8 read as {wrong[0]}, {len(wrong)} times over"
    return f"UTF-8 read as {wrong[0]}"


_SPACES = re.compile(r"( +)")


def changed_spans(before: str, after: str) -> list[tuple[int, int, str]]:
    """Minimal ``(start, end, replacement)`` spans turning ``before`` into ``after``.

    ftfy repairs a whole line; this says where. Mojibake never spans a plain
    space, so the two lines are compared word by word when they have the same
    words-and-spaces shape (``dá»± Ã¡n`` / ``dự án``: two spans, ``á»±`` and
    ``Ã¡``), each trimmed of what the words share. A character diff would align
    the ``á`` of ``dá»±`` with the ``á`` of ``án`` and cut the words wrongly.
    When the shape changed (a space that stood for a lost NBSP byte), a
    character diff is used, with pure insertions merged into a neighbour.
    """
    old_parts, new_parts = _SPACES.split(before), _SPACES.split(after)
    if len(old_parts) == len(new_parts):
        spans, pos = [], 0
        for old, new in zip(old_parts, new_parts, strict=True):
            if old != new:
                prefix = len(_common_prefix(old, new))
                suffix = len(_common_prefix(old[prefix:][::-1], new[prefix:][::-1]))
                if old and prefix + suffix == len(old):  # a pure insertion: give it a character to replace
                    prefix, suffix = (prefix - 1, suffix) if prefix else (prefix, suffix - 1)
                spans.append((pos + prefix, pos + len(old) - suffix, new[prefix : len(new) - suffix]))
            pos += len(old)
        return spans
    spans = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and spans[-1][1] == i1 and spans[-1][3] == j1:
            start, _, start_j, _ = spans.pop()
            spans.append((start, i2, start_j, j2))
        elif i1 == i2 and i1 > 0:  # a pure insertion takes the character before it along
            spans.append((i1 - 1, i2, j1 - 1, j2))
        elif i1 == i2 and i2 < len(before):  # ... or, at the start, the one after it
            spans.append((i1, i2 + 1, j1, j2 + 1))
        else:
            spans.append((i1, i2, j1, j2))
    return [(i1, i2, after[j1:j2]) for i1, i2, j1, j2 in spans]


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def _word_around(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


class EncodingDetector(Detector):
    name = "encoding"
    stage = "repair"
    rules = (LOSSY_MOJIBAKE, MOJIBAKE, REPLACEMENT_CHARACTER, CONTROL_CHARACTER, INVISIBLE_CHARACTER)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.text
        hits: list[Hit] = []
        if _CONTROL.search(text):
            for match in _CONTROL.finditer(text):
                hits.append(
                    Hit(CONTROL_CHARACTER, match.start(), match.end(),
                        f"control character U+{ord(match.group()):04X} inside text", "", 0.95)
                )
        if text.isascii():
            return hits
        for match in _INVISIBLE.finditer(text):
            char = match.group()
            what = "byte-order mark U+FEFF" if char == "\ufeff" else f"zero-width character U+{ord(char):04X}"
            hits.append(Hit(INVISIBLE_CHARACTER, match.start(), match.end(), f"{what} inside text", "", 0.9))
        for line in doc.lines:
            if not line.text.isascii() and _SUSPECT.search(line.text):
                hits.extend(self._line_hits_around_removals(line.text, line.start))
        return hits

    def _line_hits_around_removals(self, line: str, base: int) -> list[Hit]:
        """Mojibake hits of a line as it reads once control and zero-width
        characters are gone: `cafÃ\u200b©` is `cafÃ©` (so `café`) after the
        U+200B is removed, and one pass must repair both, or cleaning would
        not be idempotent. Spans map back over the removed characters."""
        if not (_CONTROL.search(line) or _INVISIBLE.search(line)):
            return self._line_hits(line, base)
        keep = [i for i, ch in enumerate(line) if not (_CONTROL.match(ch) or _INVISIBLE.match(ch))]
        hits = self._line_hits("".join(line[i] for i in keep), 0)
        for hit in hits:
            start = keep[hit.start] if hit.start < len(keep) else len(line)
            hit.end = keep[hit.end - 1] + 1 if hit.end > hit.start else start
            hit.start = start
            hit.start += base
            hit.end += base
        return hits

    def _line_hits(self, line: str, base: int) -> list[Hit]:
        import ftfy

        hits: list[Hit] = []
        # Lossy repairs first. `Ã`->`í` keeps the length, so ftfy then sees the
        # line with those fixed and its offsets still match the original.
        patched = line
        for match in _LOSSY_I.finditer(line):
            word = _word_around(line, match.start(), match.end())
            fixed = word.replace("Ã", "í")
            hits.append(
                Hit(LOSSY_MOJIBAKE, base + match.start(), base + match.end(),
                    f"'{word}' is '{fixed}' whose UTF-8 bytes were read as Windows-1252 and the soft hyphen then lost",
                    "í", 0.95)
            )
            patched = patched[: match.start()] + "í" + patched[match.end() :]
        for match in _LOSSY_SHY.finditer(line):
            word = _word_around(line, match.start(), match.end())
            hits.append(
                Hit(LOSSY_MOJIBAKE, base + match.start(), base + match.end(),
                    f"'Â' in '{word}' is what remains of a soft hyphen (UTF-8 C2 AD read as Windows-1252)",
                    "", 0.9)
            )
        if "\ufffd" in line:
            for match in re.finditer("\ufffd+", line):
                word = _word_around(line, match.start(), match.end())
                hits.append(
                    Hit(REPLACEMENT_CHARACTER, base + match.start(), base + match.end(),
                        f"'{word}' holds U+FFFD: a character was lost when the text was decoded", None, 1.0)
                )
        fixed_line = ftfy.fix_encoding(patched)
        if fixed_line == patched:
            return hits
        for i1, i2, replacement in changed_spans(patched, fixed_line):
            original = line[i1:i2]
            if "\n" in replacement or "\r" in replacement:
                continue
            plan = ftfy.fix_encoding_and_explain(original).explanation or [("apply", "decode_inconsistent_utf8")]
            hits.append(
                Hit(MOJIBAKE, base + i1, base + i2,
                    f"'{original}' should be '{replacement}': {describe_plan(plan)}", replacement, 0.9)
            )
        return hits
