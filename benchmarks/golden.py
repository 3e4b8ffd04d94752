"""A golden record of everything ``cleanse.clean`` returns, to prove that a
speed-up changed no output.

    python benchmarks/golden.py /tmp/golden.jsonl                       # record
    python benchmarks/golden.py /tmp/new.jsonl --compare /tmp/golden.jsonl

Runs ``cleanse.clean`` (default configuration) over:

- the first ``--docs`` documents of the benchmark corpus (``--corpus``,
  made by benchmarks/corpus.py; skipped with a note when it is missing);
- the seed articles (fixtures/), the clean multilingual samples
  (tests/data/clean), the English benchmark texts and the labelled
  boilerplate pages (benchmarks/data), the fuzzer's seed corpus;
- the sentence bank (benchmarks/data/sentences.toml): each language's
  sentences and phrases as one document, and each sentence injected into an
  English article (what the translation detector looks for);
- the clean sentences of benchmarks/mojibake_sentences.txt damaged by each
  damage class of benchmarks/mojibake.py, one document per class and one per
  damaged line (mojibake repairs are decided per line *and* per document);
- each input family of benchmarks/adversarial.py at a small size.

Each result is written as one JSON line: an id, the cleaned text and
``Result.to_dict()`` (score, score_after, language, findings, metrics). With
``--compare FILE`` the run is checked against a recorded golden, and the first
differing document is reported with the path of the first differing field.
Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import cleanse  # noqa: E402

DEFAULT_CORPUS = Path("/tmp/corpus/corpus.jsonl")
ADVERSARIAL_BYTES = 4096


def corpus_documents(path: Path, count: int) -> Iterator[tuple[str, str]]:
    if not path.exists():
        print(f"note: {path} is missing (python benchmarks/corpus.py /tmp/corpus --mb 10); corpus skipped",
              file=sys.stderr)
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in zip(range(count), handle, strict=False):
            yield f"corpus/{number}", json.loads(line)["text"]


def decoded(data: bytes) -> str:
    """UTF-8, or Latin-1 for the fuzzer's Windows-1252 seed (fuzz/corpus/cp1252.txt)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def file_documents() -> Iterator[tuple[str, str]]:
    """Text files of the repository, read exactly as stored (no newline translation)."""
    folders = [ROOT / "fixtures", ROOT / "tests" / "data" / "clean", ROOT / "benchmarks" / "data" / "en",
               ROOT / "fuzz" / "corpus"]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            yield str(path.relative_to(ROOT)), decoded(path.read_bytes())
    from boilerplate import load

    pages = ROOT / "benchmarks" / "data" / "boilerplate"
    for doc in load([*pages.glob("*.txt"), *pages.glob("heldout/*.txt")]):
        yield f"boilerplate/{doc.name}", doc.text


def sentence_bank_documents() -> Iterator[tuple[str, str]]:
    bank = tomllib.loads((ROOT / "benchmarks" / "data" / "sentences.toml").read_text(encoding="utf-8"))
    article = (ROOT / "benchmarks" / "data" / "en" / "economy.txt").read_text(encoding="utf-8").split("\n")
    for table in ("sentences", "phrases"):
        for lang, items in bank[table].items():
            yield f"{table}/{lang}", "\n".join(items) + "\n"
    for lang, sentences in bank["sentences"].items():
        for number, sentence in enumerate(sentences):
            at = 1 + number % max(1, len(article) - 1)
            yield f"injected/{lang}/{number}", "\n".join([*article[:at], sentence, *article[at:]])


def mojibake_documents() -> Iterator[tuple[str, str]]:
    import mojibake

    rows = mojibake.sentences()
    classes = {**mojibake.INTACT, **mojibake.LOSSY, **mojibake.LOST_LETTERS}
    for label, damage in classes.items():
        damaged = [d for d in (damage(text) for _, text in rows) if d is not None]
        yield f"mojibake/{label}", "\n".join(damaged) + "\n"
        for number, line in enumerate(damaged):
            yield f"mojibake/{label}/{number}", line


def adversarial_documents() -> Iterator[tuple[str, str]]:
    import adversarial

    for family, (_, build) in adversarial.FAMILIES.items():
        yield f"adversarial/{family}", build(ADVERSARIAL_BYTES)


def documents(corpus: Path, count: int) -> Iterator[tuple[str, str]]:
    yield from corpus_documents(corpus, count)
    yield from file_documents()
    yield from sentence_bank_documents()
    yield from mojibake_documents()
    yield from adversarial_documents()


def record(doc_id: str, text: str) -> dict[str, Any]:
    result = cleanse.clean(text)
    return {"id": doc_id, "text": result.text, **result.to_dict()}


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """The path of the first field where ``old`` and ``new`` differ, or None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in old or key not in new:
                return f"{path}.{key} (only in {'new' if key not in old else 'golden'})"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return f"{path} (length {len(old)} -> {len(new)})" if len(old) != len(new) else None
    return None if old == new and type(old) is type(new) else f"{path}: {old!r} -> {new!r}"


def compare(golden: Path, rows: list[dict[str, Any]]) -> int:
    """Compare by id, so that a document added to (or gone from) the inputs, such as
    a new adversarial family, is reported as such and does not shift the rest."""
    lines = golden.read_text(encoding="utf-8").split("\n")
    recorded = {row["id"]: row for row in (json.loads(line) for line in lines if line)}
    differing = 0
    for new in rows:
        old = recorded.pop(new["id"], None)
        found = "not in the golden record" if old is None else first_difference(old, new)
        if found:
            differing += 1
            if differing == 1:
                print(f"first difference: {new['id']}: {found[:400]}")
    if recorded:
        print(f"{len(recorded)} golden documents not produced now, first {next(iter(recorded))}")
        differing += len(recorded)
    print(f"{len(rows)} documents, {differing} differ" if differing else f"{len(rows)} documents, identical")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--compare", type=Path, help="a golden JSONL recorded earlier")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=800, help="corpus documents to include")
    args = parser.parse_args()
    start = time.process_time()
    rows = [record(doc_id, text) for doc_id, text in documents(args.corpus, args.docs)]
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    print(f"{len(rows)} documents in {time.process_time() - start:.1f} s CPU -> {args.out}")
    return compare(args.compare, rows) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
