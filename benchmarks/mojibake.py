"""Mojibake detection and repair next to ftfy, on the same lines in the same run.

    python benchmarks/mojibake.py
    python benchmarks/mojibake.py --misses     # then every damaged line cleanse did not repair exactly

Clean sentences in 23 languages and 8 scripts (benchmarks/mojibake_sentences.txt)
are damaged programmatically, one damage class at a time, the way real
pipelines damage text: intact mojibake (UTF-8 read as Windows-1252, Latin-1,
125x, ISO-8859-2, MacRoman or code page 437, in one to three layers, or mixed
with correct text in one line) and lossy mojibake (a soft hyphen stripped or
turned into a space, bytes Windows-1252 does not define dropped or replaced by
U+FFFD, letters an encoder wrote as `?` or a decoder as U+FFFD).

For each class it prints, for cleanse (encoding rules, with the default
selection) and for ftfy.fix_text and ftfy.fix_encoding: detection recall (the
line is reported / changed), exact repair (the output is the clean sentence),
and false alarms on undamaged lines (the sentences themselves, tests/data/clean
and the English of CPython's pydoc topics). Then the throughput of the encoding
detector on clean English next to ftfy.fix_text.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

import cleanse
from cleanse.config import Config
from cleanse.detectors.base import Context
from cleanse.detectors.encoding import EncodingDetector
from cleanse.document import Document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = Config(select=("encoding",), readability=False)


def sentences() -> list[tuple[str, str]]:
    rows = []
    for line in (HERE / "mojibake_sentences.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            rows.append((lang, text))
    return rows


def _as(codec: str, layers: int = 1) -> Callable[[str], str | None]:
    def damage(text: str) -> str | None:
        try:
            for _ in range(layers):
                text = text.encode("utf-8").decode(codec)
        except UnicodeError:
            return None
        return text

    return damage


def _mixed(text: str) -> str | None:
    # The second half of the line damaged, the first half intact: `BOYACÁ ... BoyacÃ¡`.
    words = text.split(" ")
    half = len(words) // 2
    tail = " ".join(words[half:]).encode("utf-8").decode("sloppy-windows-1252")
    return " ".join(words[:half] + [tail])


def _c1(text: str) -> str | None:
    try:
        return text.encode("cp1252").decode("latin-1")
    except UnicodeError:
        return None


def _shy(replacement: str) -> Callable[[str], str | None]:
    def damage(text: str) -> str | None:
        moji = text.encode("utf-8").decode("sloppy-windows-1252")
        return moji.replace("\u00ad", replacement) if "\u00ad" in moji else None

    return damage


def _german_shy(text: str) -> str | None:
    # A soft hyphen in each long word (`Silben\xadtrennung`), whose own C2 AD
    # then loses its AD: `SilbenÂtrennung`.
    words = [w[: len(w) // 2] + "\u00ad" + w[len(w) // 2 :] if len(w) >= 8 and w.isalpha() else w
             for w in text.split(" ")]
    if not any("\u00ad" in w for w in words):
        return None
    return " ".join(words).encode("utf-8").decode("sloppy-windows-1252").replace("\u00ad", "")


def _strict(errors: str) -> Callable[[str], str | None]:
    def damage(text: str) -> str | None:
        raw = text.encode("utf-8")
        if not any(b in raw for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)):
            return None
        return raw.decode("cp1252", errors=errors)

    return damage


def _nbsp_lost(text: str) -> str | None:
    moji = text.encode("utf-8").decode("sloppy-windows-1252")
    return moji.replace("\u00a0", "") if "\u00a0" in moji else None


def _question_marks(text: str) -> str | None:
    # Latin-script text encoded to ASCII with errors="replace": `Stra?e`.
    if not all(ord(ch) < 0x250 or not ch.isalpha() for ch in text):
        return None
    return text.encode("ascii", errors="replace").decode("ascii")


def _fffd(text: str) -> str | None:
    # Windows-1252 bytes read as UTF-8 with errors="replace": `K�nig`.
    try:
        return text.encode("cp1252").decode("utf-8", errors="replace")
    except UnicodeError:
        return None


INTACT = {
    "UTF-8 as Windows-1252": _as("sloppy-windows-1252"),
    "UTF-8 as Latin-1 (C1 controls)": _as("latin-1"),
    "UTF-8 as Windows-1252, twice": _as("sloppy-windows-1252", 2),
    "UTF-8 as Windows-1252, three times": _as("sloppy-windows-1252", 3),
    "UTF-8 as Windows-1250": _as("sloppy-windows-1250"),
    "UTF-8 as Windows-1251": _as("sloppy-windows-1251"),
    "UTF-8 as Windows-1253": _as("sloppy-windows-1253"),
    "UTF-8 as Windows-1254": _as("sloppy-windows-1254"),
    "UTF-8 as Windows-1257": _as("sloppy-windows-1257"),
    "UTF-8 as ISO-8859-2": _as("iso-8859-2"),
    "UTF-8 as MacRoman": _as("macroman"),
    "UTF-8 as code page 437": _as("cp437"),
    "Windows-1252 as Latin-1": _c1,
    "half the line as Windows-1252": _mixed,
}
LOSSY = {
    "soft hyphen lost (artÃculo)": _shy(""),
    "soft hyphen as a space (artÃ culo)": _shy(" "),
    "soft hyphen as a no-break space": _shy("\u00a0"),
    "German soft hyphen lost (SilbenÂtrennung)": _german_shy,
    "undefined bytes dropped (Ãfrica, â€)": _strict("ignore"),
    "undefined bytes as U+FFFD (Ã�frica)": _strict("replace"),
    "no-break space byte lost (voilÃ le)": _nbsp_lost,
}
LOST_LETTERS = {
    "letters written as ? (Stra?e)": _question_marks,
    "letters read as U+FFFD (K�nig)": _fffd,
}


def run_cleanse(text: str) -> tuple[bool, str]:
    result = cleanse.clean(text, CONFIG)
    return bool(result.findings), result.text


def run_ftfy(text: str) -> tuple[bool, str]:
    fixed = ftfy.fix_text(text)
    return fixed != text, fixed


def run_fix_encoding(text: str) -> tuple[bool, str]:
    fixed = ftfy.fix_encoding(text)
    return fixed != text, fixed


SYSTEMS = {"cleanse": run_cleanse, "ftfy.fix_text": run_ftfy, "ftfy.fix_encoding": run_fix_encoding}


def evaluate(classes: dict[str, Callable[[str], str | None]], rows: list[tuple[str, str]]):
    table = []
    totals = {name: [0, 0, 0] for name in SYSTEMS}  # lines, detected, exact
    for label, damage in classes.items():
        cases = []
        for _, text in rows:
            damaged = damage(text)
            if damaged is not None and damaged != text:
                cases.append((text, damaged))
        if not cases:
            continue
        row = [label, len(cases)]
        for name, system in SYSTEMS.items():
            detected = exact = 0
            for text, damaged in cases:
                found, output = system(damaged)
                detected += found
                exact += output == text
            totals[name][0] += len(cases)
            totals[name][1] += detected
            totals[name][2] += exact
            row += [detected / len(cases), exact / len(cases)]
        table.append(row)
    return table, totals


def clean_lines(rows: list[tuple[str, str]]) -> list[str]:
    lines = [text for _, text in rows]
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def english_corpus() -> str:
    import pydoc_data.topics

    return "\n".join(pydoc_data.topics.topics.values())


def false_alarms(lines: list[str]) -> dict[str, int]:
    return {name: sum(system(line)[0] for line in lines) for name, system in SYSTEMS.items()}


def throughput(text: str) -> tuple[float, float]:
    detector = EncodingDetector()
    config = Config()
    ctx = Context(config=config, enabled=config.enabled_rules())
    size = len(text.encode("utf-8"))

    def best(function) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return size / min(times) / 1e6

    doc = Document(text)  # built once by the pipeline for every detector
    ours = best(lambda: list(detector.detect(doc, ctx)))
    reference = best(lambda: ftfy.fix_text(text))
    return ours, reference


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def print_table(title: str, table, totals) -> None:
    print(f"\n### {title}\n")
    print("| damage | lines | cleanse detected | cleanse exact | fix_text detected | fix_text exact "
          "| fix_encoding detected | fix_encoding exact |")
    print("|---|---|---|---|---|---|---|---|")
    for label, n, *values in table:
        print(f"| {label} | {n} | " + " | ".join(_pct(v) for v in values) + " |")
    cells = []
    for name in SYSTEMS:
        lines, detected, exact = totals[name]
        cells += [_pct(detected / lines), _pct(exact / lines)]
    print(f"| **all** | {totals['cleanse'][0]} | " + " | ".join(f"**{c}**" for c in cells) + " |")


def print_misses(rows: list[tuple[str, str]]) -> None:
    """Each damaged line cleanse does not repair exactly: lossy ones, and intact
    ones that ftfy.fix_encoding does repair (where cleanse falls behind it)."""
    print("\n### Lines cleanse does not repair exactly\n")
    for title, classes in (("lossy", LOSSY), ("intact", INTACT)):
        for label, damage in classes.items():
            for lang, text in rows:
                damaged = damage(text)
                if damaged is None or damaged == text:
                    continue
                found, output = run_cleanse(damaged)
                if output == text or (title == "intact" and ftfy.fix_encoding(damaged) != text):
                    continue
                print(f"- {title}, {label}, {lang}, {'reported' if found else 'NOT REPORTED'}\n"
                      f"  damaged:  {damaged!r}\n  cleanse:  {output!r}\n  expected: {text!r}")


def main() -> None:
    rows = sentences()
    if "--misses" in sys.argv[1:]:
        cleanse.clean("warm-up Ãfrica", CONFIG)
        print_misses(rows)
        return
    languages = sorted({lang for lang, _ in rows})
    print(f"Python {platform.python_version()}, ftfy {ftfy.__version__}, {platform.machine()}; "
          f"{len(rows)} sentences in {len(languages)} languages ({', '.join(languages)})")
    cleanse.clean("warm-up Ãfrica", CONFIG)  # load the word list outside the measurements
    for title, classes in (("Intact mojibake", INTACT), ("Lossy mojibake", LOSSY),
                           ("Letters lost outright (repaired only when one listed word fits)", LOST_LETTERS)):
        table, totals = evaluate(classes, rows)
        print_table(title, table, totals)

    lines = clean_lines(rows)
    corpus_lines = [line for line in english_corpus().splitlines() if line.strip()]
    print("\n### False alarms on undamaged lines\n")
    print("| sample | lines | cleanse | ftfy.fix_text | ftfy.fix_encoding |")
    print("|---|---|---|---|---|")
    for label, sample in (("multilingual sentences and tests/data/clean", lines),
                          ("English (CPython pydoc topics)", corpus_lines)):
        alarms = false_alarms(sample)
        print(f"| {label} | {len(sample)} | " + " | ".join(
            f"{alarms[name]} ({_pct(alarms[name] / len(sample))})" for name in SYSTEMS) + " |")

    text = english_corpus()
    curly = "\n".join(line.replace("'", "’") if i % 10 == 0 else line for i, line in enumerate(text.splitlines()))
    print("\n### Throughput on clean English (best of 3, one core)\n")
    print("| text | encoding detector MB/s | ftfy.fix_text MB/s | ratio |")
    print("|---|---|---|---|")
    for label, sample in ((f"pydoc topics, {len(text.encode()) / 1e6:.2f} MB", text),
                          ("same, curly apostrophes on 10% of lines", curly)):
        ours, reference = throughput(sample)
        print(f"| {label} | {ours:.1f} | {reference:.2f} | {ours / reference:.1f}x |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
