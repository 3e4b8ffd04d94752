"""Language identification: accuracy on short and long text, and speed, for
each backend, measured in the same run.

    python benchmarks/langid.py

Short: the 3-8 word phrases of benchmarks/data/sentences.toml and the UI
strings of cleanse/data/boilerplate.toml (2-6 words). Sentences: the 4-30 word
sentences. Long: each language's sentences joined into one ~500-character
text, plus the seed articles and tests/data/clean (English and 6 other
languages). The default backend is the one that wins on accuracy and speed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanse import data  # noqa: E402
from cleanse.language import BACKENDS  # noqa: E402


def corpus() -> dict[str, list[tuple[str, str]]]:
    spec = tomllib.loads((ROOT / "benchmarks" / "data" / "sentences.toml").read_text(encoding="utf-8"))
    short = [(lang, p) for lang, items in spec["phrases"].items() for p in items]
    ui = data.load("boilerplate")
    short += [(lang, p) for table in ("share", "related") for lang, items in ui[table].items()
              for p in items if len(p.split()) >= 2]
    sentences = [(lang, s) for lang, items in spec["sentences"].items() for s in items]
    long = [(lang, " ".join(items)) for lang, items in spec["sentences"].items()]
    long += [("en", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "fixtures").glob("*.txt"))]
    codes = {"en_typography": "en"}
    long += [(codes.get(p.stem, p.stem), p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))]
    return {"short (2-8 words)": short, "sentence (4-30 words)": sentences, "long (document)": long}


def main() -> None:
    sets = corpus()
    print(f"{'backend':<11} {'set':<22} {'n':>4} {'accuracy':>9} {'us/item':>9} {'MB/s':>7}")
    for name, backend in BACKENDS.items():
        backend.identify("warm up the model and profiles")
        for label, items in sets.items():
            correct = 0
            size = sum(len(text.encode("utf-8")) for _, text in items)
            start = time.perf_counter()
            guesses = [backend.identify(text) for _, text in items]
            elapsed = time.perf_counter() - start
            for (lang, _), guess in zip(items, guesses, strict=True):
                correct += guess.code == lang
            print(f"{name:<11} {label:<22} {len(items):>4} {correct / len(items):>9.1%} "
                  f"{1e6 * elapsed / len(items):>9.0f} {size / elapsed / 1e6:>7.2f}")
    for name, backend in BACKENDS.items():
        misses = [(lang, text[:40], backend.identify(text).code)
                  for lang, text in sets["short (2-8 words)"] if backend.identify(text).code != lang]
        print(f"\n{name}: {len(misses)} short misses, e.g. {misses[:6]}")


if __name__ == "__main__":
    main()
