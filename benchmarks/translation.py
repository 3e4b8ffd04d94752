"""Translation markers: recall on injected foreign text, false alarms on clean
English, and the speed of segment language identification.

    python benchmarks/translation.py

- Injected lines: every sentence of benchmarks/data/sentences.toml (16
  languages, 7 scripts, 4-30 words) is inserted as a line into a clean English
  article; a hit is a TRN001 finding overlapping it.
- Inline phrases: every 3-8 word phrase (10 languages) is inserted inside an
  English sentence ("..., <phrase>, ..."); a hit is a TRN001/TRN006 finding
  overlapping it.
- Clean documents: the news articles in benchmarks/data/en (names, quotes,
  loanwords: café, déjà vu, per se, Realpolitik, Plaza de Mayo), the cleaned
  seed articles, tests/data/clean/en_typography.txt, and 400 docstrings of
  the Python standard library (real English prose); a
  false alarm is a document with any warning-level translation finding.
Targets (issue 5): line recall >= 95%, inline recall >= 80%, false-alarm
documents <= 2%, segment language ID >= 1 MB/s.
"""

from __future__ import annotations

import importlib
import random
import sys
import time
import warnings
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleanse  # noqa: E402
from cleanse.language import identify  # noqa: E402

SPEC = tomllib.loads((ROOT / "benchmarks" / "data" / "sentences.toml").read_text(encoding="utf-8"))
TRANSLATION_SEGMENTS = {"TRN001", "TRN006"}


def news_documents() -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "data" / "en").glob("*.txt"))]
    docs += [cleanse.clean(p.read_text(encoding="utf-8")).text for p in sorted((ROOT / "fixtures").glob("*.txt"))]
    return docs


def stdlib_documents(limit: int = 400) -> list[str]:
    """Docstrings of the standard library (modules, classes, functions) with 60+ words of prose."""
    docs = []
    warnings.simplefilter("ignore")
    # sys.stdlib_module_names, not pkgutil.iter_modules(): the latter also lists what is
    # installed in the environment, editable installs included (cleanse itself, atheris).
    for name in sorted(sys.stdlib_module_names):
        if len(docs) >= limit or name.startswith("_") or name in ("antigravity", "this", "idlelib"):
            continue
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - some modules need a display or a platform
            continue
        # the module's docstring and those of its public classes and functions
        for obj in [module, *(getattr(module, name, None) for name in sorted(vars(module)) if not name.startswith("_"))]:
            doc = getattr(obj, "__doc__", None) or ""
            if isinstance(doc, str) and len(doc.split()) >= 60 and doc not in docs:
                docs.append(doc)
    return docs[:limit]


def overlaps(finding: cleanse.Finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


def injected_lines(docs: list[str]) -> tuple[int, int, list]:
    hits, total, misses = 0, 0, []
    rng = random.Random(7)
    for lang, sentences in SPEC["sentences"].items():
        for sentence in sentences:
            doc = docs[total % len(docs)]
            lines = doc.split("\n")
            at = rng.randrange(1, max(2, len(lines)))
            before = "\n".join(lines[:at]) + "\n"
            text = before + sentence + "\n" + "\n".join(lines[at:])
            start, end = len(before), len(before) + len(sentence)
            result = cleanse.clean(text, select=["translation"])
            found = any(f.rule in TRANSLATION_SEGMENTS and overlaps(f, start, end) for f in result.findings)
            hits += found
            total += 1
            if not found:
                misses.append((lang, sentence[:50]))
    return hits, total, misses


def inline_phrases(docs: list[str]) -> tuple[int, int, list]:
    hits, total, misses = 0, 0, []
    for lang, phrases in SPEC["phrases"].items():
        for phrase in phrases:
            doc = docs[total % len(docs)]
            lines = doc.split("\n")
            index = max(range(len(lines)), key=lambda i: len(lines[i]))  # the longest paragraph
            line = lines[index]
            cut = line.find(", ")
            cut = cut if cut > 0 else line.find(" ", len(line) // 2)
            new_line = f"{line[:cut]}, {phrase}, {line[cut + 2:] if line[cut:cut + 2] == ', ' else line[cut + 1:]}"
            text = "\n".join([*lines[:index], new_line, *lines[index + 1:]])
            start = len("\n".join(lines[:index])) + (1 if index else 0) + cut + 2
            end = start + len(phrase)
            assert text[start:end] == phrase
            result = cleanse.clean(text, select=["translation"])
            found = any(f.rule in TRANSLATION_SEGMENTS and overlaps(f, start, end) for f in result.findings)
            hits += found
            total += 1
            if not found:
                misses.append((lang, phrase))
    return hits, total, misses


def false_alarms(docs: list[str]) -> tuple[int, list]:
    flagged = []
    for doc in docs:
        result = cleanse.clean(doc, select=["translation"])
        warnings_ = [f for f in result.findings if f.severity in ("warning", "error")]
        if warnings_:
            flagged.append((doc[:50], [(f.rule, doc[f.start:f.end][:40]) for f in warnings_[:3]]))
    return len(flagged), flagged


def segment_speed(docs: list[str]) -> float:
    segments = [line for doc in docs for line in doc.split("\n") if len(line) > 20]
    size = sum(len(s.encode("utf-8")) for s in segments)
    start = time.perf_counter()
    for segment in segments:
        identify(segment)
    return size / (time.perf_counter() - start) / 1e6


def main() -> None:
    news = news_documents()
    clean = news + [(ROOT / "tests" / "data" / "clean" / "en_typography.txt").read_text(encoding="utf-8")]
    clean += stdlib_documents()
    cleanse.clean(news[0])
    line_hits, line_total, line_misses = injected_lines(news)
    inline_hits, inline_total, inline_misses = inline_phrases(news)
    alarms, flagged = false_alarms(clean)
    speed = segment_speed(clean)
    languages = len(SPEC["sentences"])
    print(f"injected lines ({languages} languages, 7 scripts): recall {line_hits}/{line_total} = "
          f"{line_hits / line_total:.1%}  (target >= 95%)")
    print(f"inline phrases ({len(SPEC['phrases'])} languages): recall {inline_hits}/{inline_total} = "
          f"{inline_hits / inline_total:.1%}  (target >= 80%)")
    print(f"clean English documents with a warning-level translation finding: {alarms}/{len(clean)} = "
          f"{alarms / len(clean):.1%}  (target <= 2%)")
    print(f"segment language ID: {speed:.2f} MB/s  (target >= 1 MB/s)")
    if line_misses:
        print("missed lines:", line_misses[:10])
    if inline_misses:
        print("missed phrases:", inline_misses[:10])
    if flagged:
        print("false alarms:", flagged[:10])


if __name__ == "__main__":
    main()
