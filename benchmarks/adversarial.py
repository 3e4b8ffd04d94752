"""Linear time on adversarial input: each input family at growing sizes up to 1 MB.

    python benchmarks/adversarial.py                  # 128 KB, 256 KB, 512 KB, 1 MB
    python benchmarks/adversarial.py --max-kb 256 --family quotes --repeat 3

Each family is text built to provoke one rule family or one regular
expression: a unit repeated to the size (``a `` * n, ``Ã`` * n, ``icon-`` * n),
sometimes between a prefix and a suffix that make a pattern scan the whole run
and then fail (``!`` * n then ``a``; ``Photo: a`` + `` .`` * n + ``x``), or
nested structure (quotes opened n times, then closed n times). For each
family the CPU time of ``cleanse.clean`` at each size is printed with the ratio of
successive times: linear growth doubles the time when the size doubles (ratio
~2), quadratic growth gives ~4. The verdict uses the slope over the whole range
(log2 of time(max)/time(min) per doubling), which is steadier than one ratio on
a shared machine: a family fails when the slope exceeds 1.4.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleanse  # noqa: E402


def repeat(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    """``prefix + unit * k + suffix`` of about ``size`` UTF-8 bytes."""

    def build(size: int) -> str:
        return prefix + unit * (size // len(unit.encode("utf-8")) + 1) + suffix

    return build


def nested(opening: str, closing: str, middle: str = "x") -> Callable[[int], str]:
    """Quotes opened k times, a word, and closed k times: `«“„‘x’“”»`."""

    def build(size: int) -> str:
        k = size // (len((opening + closing).encode("utf-8"))) + 1
        return opening * k + middle + closing * k

    return build


# family -> (what it targets, text of a given size in bytes)
FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    # words, tokens and whitespace
    "spaces-words (a a a ...)": ("tokenisers, word lists, language ID", repeat("a ")),
    "no spaces token": ("word regexes on one 1 MB word", repeat("abcdefghij")),
    "space run (a + spaces + b)": ("_COLUMNS, whitespace widening", repeat(" ", "a", "b")),
    "tabs and columns": ("code/column detection", repeat("a  b\t")),
    "one long line of prose": ("per-line rules on one huge line", repeat("The minister said the plan would cost more than expected ")),
    "repeated short lines (a)": ("per-line loops, duplicate lines", repeat("a\n")),
    "blank lines": ("blank-run tidying, ^\\s* patterns", repeat("\n")),
    "CR-only lines": ("line splitting on \\r", repeat("Share this article\r")),
    "CRLF share lines": ("removal widening across \\r\\n", repeat("Share this article\r\n")),
    # encoding (ENC)
    "mojibake run (ÃÃÃ...)": ("lossy region search", repeat("Ã")),
    "mojibake pairs (Ã©Ã©...)": ("ftfy per line, span alignment", repeat("Ã©")),
    "lossy words (artÃculo )": ("ENC001 word list and char model", repeat("artÃculo ")),
    # Found by the fuzzer as a slow unit: each `Ã` of the run read as `í` (a lost
    # soft hyphen), a few slots a round; 0.23 s per word before the bound.
    "mojibake runs glued to words (ÃÃÃ...artÃculo )": ("lossy region search, round after round",
                                                        repeat("Ã" * 37 + "artÃculo ")),
    "intact mojibake (donâ€™t )": ("ENC002 ftfy and changed_spans", repeat("donâ€™t ")),
    # Two code pages read each word: ftfy's reading and the search's are matched span by span.
    "ISO-8859-2 mojibake (MĂĽnga )": ("code-page search, contested spans", repeat("MĂĽnga mĂ¤nniskor ĂĽker ")),
    "nbsp mojibake (Ã\\xa0)": ("TRIGGER no-break-space branches", repeat("Ã\u00a0")),
    "entities (&amp;)": ("ENC007 unescape and overlap", repeat("&amp;")),
    "unterminated entities (&amp)": ("_ENTITY without ;", repeat("&amp")),
    "replacement chars (K\ufffdnig )": ("ENC003 lost letters", repeat("K\ufffdnig ")),
    "letters after \ufffd (\ufffd abc...)": ("LOST_FFFD on a long word", repeat("abcdefghij", "\ufffd ")),
    "letters before ? (abc... ?)": ("LOST_QMARK on a long word", repeat("abcdefghij", "", " ?")),
    "question marks in words (a?b)": ("ENC006 candidates", repeat("a?b")),
    "control chars": ("ENC004 removals on one line", repeat("\x00\x01")),
    "zero-width (a\\u200b)": ("ENC005 removals", repeat("a\u200b")),
    "zero-width only (\\u200b)": ("ENC005 removals on an all-blank line", repeat("\u200b")),
    # boilerplate (BOI)
    "icon tokens (icon-icon-...)": ("_ICON_TOKEN", repeat("icon-")),
    "icon rows (icon-facebook )": ("social icon rows", repeat("icon-facebook ")),
    "urls (http://http://...)": ("URL-like tokens", repeat("http://")),
    "share lines": ("share lexicon lookups", repeat("Share this article\n")),
    "date lines": ("is_date_line, _DATE_TOKEN", repeat("Fri Jan 16 2026\n")),
    "related labels": ("related teasers", repeat("RELATED:\n")),
    # Each label's search ends at a URL line the structure rules remove later, and is
    # searched again past it (boilerplate._headings_resolved).
    "related labels over removed lines": (
        "teaser search past lines removed later",
        repeat("RELATED:\n\nFacebook Twitter WhatsApp\nhttp://example.com/a?b=cRELATED:\n\n",
               "The mayor spoke at length about the plan today, and the council agreed with him.\n\n")),
    "teaser lists before section headings": (
        "section heading search above each list",
        repeat("RELATED:\nHow the long teaser headline of another story reads\nShort heading\n"
               "The first sentence of the section is long enough to read as prose.\n"
               "The second sentence of the section is also long enough to read as prose.\n")),
    "label lines (Photo: X)": ("label_re on one long line", repeat("Photo: EFE ")),
    "label then dots (Photo: a . . . x)": ("label_re value and trailing dots", repeat(" .", "Photo: a", "x")),
    "bylines (By Aa Aa ...)": ("by_re", repeat("Aa ", "By ", "!")),
    "html tags (<p>)": ("markup detection", repeat("<p>")),
    "markdown fences": ("code_lines fence toggling", repeat("```\n")),
    "suppression markers": ("cleanse: ignore parsing", repeat("cleanse: ignore[ENC001] ")),
    # translation, typography, segments (TRN)
    "short title lines": ("title-case teaser lines", repeat("Venezuela Strengthens Security Alliances\n")),
    "foreign words (de la que el)": ("foreign segment search", repeat("de la que el ")),
    "foreign dates (16 de enero de 2026 )": ("_date_pattern", repeat("16 de enero de 2026 ")),
    "cyrillic-latin (CОVID )": ("homoglyph words", repeat("CОVID ")),
    "homoglyph words under one repair (ÐžartÃAÃƒ!ñ...)": ("merging fixes mapped into one repaired run",
                                                        repeat("ÐžartÃAÃƒ!ñ")),
    "entities split by controls (&#8217\x01;)": ("entities read without control characters", repeat("&#8217\x01; ")),
    "nested quotes (“«„...)": ("quote patterns, repeated", repeat("“«„‘")),
    "deep nesting of quotes («“„‘x’“”»)": ("quote patterns, nested", nested("«“„‘", "’“”»")),
    "guillemets («a» )": ("«[^«»]{1,200}» calque", repeat("«a» ")),
    "open guillemets only («a )": ("bounded search without a close", repeat("«a ")),
    "spaced punctuation (a ; )": ("French spacing rule", repeat("a ; ")),
    # repetition, filler, readability
    "duplicate prose lines": ("repeated-line detection", repeat("The Kremlin welcomed the calls for dialogue on Friday.\n")),
    "punctuation run then a (!!!...a)": ("sentence-end patterns", repeat("!", "", "a")),
    "ellipses (...)": ("sentence splitting", repeat("...")),
    "filler phrases": ("filler lexicon", repeat("It is pertinent to mention that ")),
    "emoji (🔗 )": ("edge-junk stripping", repeat("🔗 ")),
}


def timed(text: str, repeats: int) -> float:
    """CPU seconds of this process (best of ``repeats``): on a machine shared
    with other jobs, wall time measures their load as much as ours."""
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        cleanse.clean(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--family", default="", help="only families whose name contains this")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table for RESULTS.md")
    args = parser.parse_args()
    for _, build in FAMILIES.values():  # load every lazily loaded model and table before timing
        cleanse.clean(build(2048))
    top = args.max_kb * 1024
    sizes = [top // 8, top // 4, top // 2, top]
    labels = [f"{s // 1024} KB" for s in sizes]
    if args.markdown:
        print("| family | " + " | ".join(labels) + " | ratios (2n/n) | slope |")
        print("|---|" + "---|" * (len(sizes) + 2))
    else:
        print(f"{'family':<40} " + " ".join(f"{label:>9}" for label in labels) + "   ratios         slope")
    failed = []
    for name, (_, build) in FAMILIES.items():
        if args.family not in name:
            continue
        times = [timed(build(size), args.repeat) for size in sizes]
        ratios = [b / a if a > 0 else 0 for a, b in zip(times, times[1:], strict=False)]
        slope = math.log2(times[-1] / times[0]) / math.log2(sizes[-1] / sizes[0]) if times[0] > 0 else 0
        flag = "" if slope <= 1.4 else "  NOT LINEAR"
        if flag:
            failed.append(name)
        if args.markdown:
            print(f"| {name.replace('|', '/')} | " + " | ".join(f"{t:.2f} s" for t in times) + " | "
                  + " ".join(f"{r:.1f}" for r in ratios) + f" | {slope:.2f}{flag} |")
        else:
            print(f"{name:<40} " + " ".join(f"{t:>8.2f}s" for t in times) + "   "
                  + " ".join(f"{r:4.1f}" for r in ratios) + f"   {slope:.2f}{flag}", flush=True)
    print("all families linear" if not failed else f"not linear: {', '.join(failed)}")


if __name__ == "__main__":
    main()
