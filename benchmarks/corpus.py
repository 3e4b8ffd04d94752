"""A generated corpus of mixed news text for the throughput benchmark.

    python benchmarks/corpus.py OUT_DIR [--mb 10] [--seed 7]

Writes ``OUT_DIR/corpus.jsonl`` (one record per document: ``id``, ``text``)
and ``OUT_DIR/files/NNNNN.txt`` (the same documents as files). The documents
are assembled from the text the project already holds (the seed articles, the
clean multilingual samples in tests/data/clean, the English benchmark texts and
the 16-language sentence bank), so nothing is downloaded:

- 70% English articles, 30% in other languages (es, pt, fr, de, it, ru, pl,
  tr, ar, zh, ja, ...), each a headline and paragraphs of sentences drawn at
  random, with numbers and names varied so that sentences rarely repeat
  verbatim across the corpus (a benchmark must not reward caches it would
  never hit in real data); within a document no sentence is drawn twice, as
  in a real article (a document in a language with a small pool is shorter);
- about 20% of documents carry mojibake (a UTF-8 sentence read as cp1252 or
  Latin-1), 40% carry boilerplate lines (share bars, bylines, related
  labels, datelines) in the head and tail, 15% an untranslated foreign line.

Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
NUMBER = re.compile(r"\d+")
NAMES = ["Maria Lopez", "John Carter", "Anna Kowalska", "Ahmed Karim", "Li Wei", "Sophie Martin", "Hans Becker",
         "Giulia Rossi", "Olga Ivanova", "Mehmet Yilmaz", "Yuki Tanaka", "Carlos Silva", "Priya Nair"]
PLACES = ["Madrid", "Lisbon", "Paris", "Berlin", "Rome", "Warsaw", "Istanbul", "Cairo", "Beijing", "Tokyo",
          "Nairobi", "Toronto", "Lima", "Jakarta", "Oslo", "Dublin"]


def _body_paragraphs() -> dict[str, list[str]]:
    """The paragraphs of the boilerplate benchmark's hand-written article
    bodies, by language: neither headings (`## `), bullets (`- `) nor short
    lines such as `Key Points:`."""
    by_language: dict[str, list[str]] = {}
    language = None
    for path in sorted((ROOT / "benchmarks" / "data" / "boilerplate" / "source").glob("bodies_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("=== "):
                language = line[4:].strip()
            elif language and len(line) > 40 and not line.startswith(("#", "- ")):
                by_language.setdefault(language, []).append(line.strip())
    return by_language


def _english_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").glob("00[0234]*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "data" / "en").glob("*.txt"))]
    texts.append((ROOT / "tests" / "data" / "clean" / "en_typography.txt").read_text(encoding="utf-8"))
    texts.append("\n".join(_body_paragraphs().get("en", [])))
    sentences = []
    for text in texts:
        for line in text.splitlines():
            if len(line.split()) >= 8:  # body lines only: boilerplate is injected on purpose below
                sentences += [s for s in SENTENCE_END.split(line.strip()) if len(s.split()) >= 5]
    return sentences


def _foreign_sentences() -> dict[str, list[str]]:
    bank = tomllib.loads((ROOT / "benchmarks" / "data" / "sentences.toml").read_text(encoding="utf-8"))
    by_language: dict[str, list[str]] = {k: list(v) for k, v in bank["sentences"].items() if k != "en"}
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        language = path.stem.split("_")[0]
        if language == "en":
            continue
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 40]
        by_language.setdefault(language, []).extend(lines)
    for language, paragraphs in _body_paragraphs().items():
        if language != "en":
            by_language.setdefault(language, []).extend(paragraphs)
    return by_language


def _boilerplate() -> tuple[list[str], list[str]]:
    data = tomllib.loads((ROOT / "cleanse" / "data" / "boilerplate.toml").read_text(encoding="utf-8"))
    head = ["icon-facebook icon-twitter icon-whatsapp", "Fri Jan 16 2026", "January 16, 2026 Hour: 3:59 pm",
            "By {name}", "{name} | Reuters", "Published 16 January 2026, updated 17 January 2026",
            "Home > World > Europe", "Photo: {name}/AFP"]
    tail = ["RELATED: {place} markets rally as talks resume", "Read more: What the deal means for {place}",
            "Share this article", "Follow us on Twitter", "Subscribe to our newsletter",
            "© 2026 The Daily Ledger. All rights reserved.", "Tags: politics, {place}, economy"]
    for section in ("share", "related"):
        tail += [phrase.capitalize() for phrase in data.get(section, {}).get("en", [])]
    return head, tail


class Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.english = _english_sentences()
        self.foreign = _foreign_sentences()
        self.head, self.tail = _boilerplate()

    def _vary(self, sentence: str) -> str:
        # numbers and names change from document to document, so the corpus
        # does not repeat sentences verbatim thousands of times
        sentence = NUMBER.sub(lambda m: str(self.random.randint(10 ** (len(m[0]) - 1), 10 ** len(m[0]) - 1)), sentence)
        if self.random.random() < 0.5:
            sentence = sentence.replace("Moscow", self.random.choice(PLACES)).replace(
                "Peskov", self.random.choice(NAMES).split()[1])
        return sentence

    def _fill(self, template: str) -> str:
        return template.format(name=self.random.choice(NAMES), place=self.random.choice(PLACES))

    def _paragraphs(self, pool: list[str], count: int) -> list[str]:
        # Drawn without replacement: with replacement, a document in a language
        # of ten pooled sentences said each of them four times over, and a
        # third of its 8-word passages repeated (the repetition rule's worst
        # case, and a language-ID memo's best), which no news article does.
        sizes = [self.random.randint(1, 4) for _ in range(count)]
        sentences = self.random.sample(pool, min(len(pool), sum(sizes)))
        paragraphs, start = [], 0
        for size in sizes:
            if start >= len(sentences):
                break
            paragraphs.append(" ".join(self._vary(s) for s in sentences[start : start + size]))
            start += size
        return paragraphs

    def document(self) -> str:
        rnd = self.random
        english = rnd.random() < 0.7
        pool = self.english if english else self.foreign[rnd.choice(sorted(self.foreign))]
        headline = self._vary(rnd.choice(pool)).rstrip(".")
        body = self._paragraphs(pool, rnd.randint(6, 24))
        lines = [headline, ""]
        if rnd.random() < 0.4:
            lines += [self._fill(t) for t in rnd.sample(self.head, rnd.randint(1, 3))] + [""]
        if english and rnd.random() < 0.15:
            language = rnd.choice(sorted(self.foreign))
            body.insert(rnd.randrange(len(body)), self._vary(rnd.choice(self.foreign[language])))
        if rnd.random() < 0.2:
            index = rnd.randrange(len(body))
            codec = rnd.choice(["cp1252", "latin-1"])
            body[index] = body[index].encode("utf-8").decode(codec, errors="replace")
        for paragraph in body:
            lines += [paragraph, ""]
        if rnd.random() < 0.4:
            lines += [self._fill(t) for t in rnd.sample(self.tail, rnd.randint(1, 4))]
        return "\n".join(lines).rstrip() + "\n"


def generate(out_dir: Path, megabytes: float, seed: int = 7) -> list[Path]:
    generator = Generator(seed)
    files_dir = out_dir / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    size = 0
    with (out_dir / "corpus.jsonl").open("w", encoding="utf-8") as records:
        while size < megabytes * 1e6:
            text = generator.document()
            path = files_dir / f"{len(paths):05d}.txt"
            path.write_text(text, encoding="utf-8")
            records.write(json.dumps({"id": path.stem, "text": text}, ensure_ascii=False) + "\n")
            paths.append(path)
            size += len(text.encode("utf-8"))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.mb, args.seed)
    print(f"{len(paths)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
