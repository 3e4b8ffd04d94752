"""Generic filler: long paragraphs that say nothing specific.

Padded articles end in a run of sentences that could close any story on the
topic. Seed 004's last paragraph is 229 words (1,598 characters) of "strategic
objectives", "strategic interests", "Russia's goals", "careful calibration of
timing" with no name, number or quote that the article had not already used.
Real news paragraphs introduce something: a person, a place, a figure, a
quotation. This rule measures exactly that, per paragraph: *new specific
tokens* (capitalised words not at a sentence start and not seen earlier in the
document, numbers, quotation marks) per 100 words, on paragraphs long enough
for the rate to mean something.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..document import Document
from ..language import stopwords
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import plain_words

GENERIC_FILLER = rule(
    id="READ001", name="generic-filler", category="readability", severity="warning",
    summary="A long paragraph (120+ words) that introduces almost nothing specific: padding.",
    rationale="A paragraph that brings in no new name, number or quotation for 120+ words is filler that could "
              "close any story on the topic (seed 004: 229 words repeating 'strategic objectives / interests / "
              "goals'). Reported, never removed.",
    example="Taken together, the comments reflect an official stance that ... (229 words, 0 new names or figures)",
    fix="report only",
)

MIN_WORDS = 120
MAX_SPECIFIC_PER_100 = 1.0
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.!?]+|[\"“”«»„]", re.UNICODE)
_POSSESSIVE_ENDINGS = ("'s", "’s")
# The word tokens of _TOKEN are the plain words (textutil.plain_words): its
# other tokens (`.!?`, quotes) never hold a letter or digit, so they neither
# start nor cut a word.
_POSSESSIVE_AT_END = re.compile(r"['’]s(?= |$)")
_CASED = re.compile(r"[A-Za-zÀ-ÿ]")


class FillerDetector(Detector):
    name = "filler"
    rules = (GENERIC_FILLER,)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        seen: set[str] = set()
        hits: list[Hit] = []
        common = stopwords(ctx.language)
        plain = plain_words(doc)
        # Only a paragraph long enough to judge reads what came before it, so
        # the lines after the last such paragraph are not read at all: most
        # documents have none (67 paragraphs of 120+ words in 300 articles).
        judged = [index for index, words in enumerate(plain) if len(words) >= MIN_WORDS]
        for line in doc.lines[: judged[-1] + 1] if judged else ():
            if line.is_blank:
                continue
            words = plain[line.index]
            if len(words) < MIN_WORDS:
                # Too short to judge: its words only become "seen" for later paragraphs.
                seen.update(_keys(words))
                continue
            tokens = _TOKEN.findall(line.text)
            specific, sentence_start = 0, True
            counts: Counter[str] = Counter()
            for token in tokens:
                if token[0] in "\"“”«»„":
                    specific += 1
                    continue
                if not token[0].isalnum():
                    sentence_start = True
                    continue
                key = _key(token)
                if token[0].isdigit():
                    specific += key not in seen
                elif token[0].isupper() and not sentence_start and key not in seen:
                    specific += 1
                elif _CASED.match(token) and key not in common and len(key) > 3:
                    counts[key] += 1
                seen.add(key)
                sentence_start = False
            if not _CASED.search(line.text):
                continue
            rate = 100.0 * specific / len(words)
            if rate <= MAX_SPECIFIC_PER_100:
                top = ", ".join(f"{w} x{n}" for w, n in counts.most_common(4) if n > 1)
                hits.append(Hit(GENERIC_FILLER, line.start, line.end,
                                f"{len(words)}-word paragraph with {specific} new names, numbers or quotes "
                                f"({rate:.1f} per 100 words)" + (f"; repeats {top}" if top else ""), None, 0.7))
        return hits


def _key(word: str) -> str:
    """The word lowercased, without a possessive: "Moscow’s" is "moscow" again."""
    key = word.lower()
    return key[:-2] if key.endswith(_POSSESSIVE_ENDINGS) else key


def _keys(words: list[str]) -> list[str]:
    """_key of each word, by one lower() and one substitution over the words
    joined with spaces (a word holds no space; lowercasing is per word)."""
    if not words:
        return []
    return _POSSESSIVE_AT_END.sub("", " ".join(words).lower()).split(" ")
