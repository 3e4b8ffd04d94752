"""Coverage-guided fuzzing of cleanse.clean and the byte decoding path (atheris).

    fuzz/run.sh 10                          # 10 minutes, the seed corpus in fuzz/corpus
    python fuzz/fuzz_clean.py -runs=1000    # or any libFuzzer flags

Each input's first byte picks what the rest becomes:

* bytes for ``cleanse.io.decode`` (BOMs, NULs, legacy encodings, invalid
  UTF-8): an InputError is a fine answer, any other exception is a crash;
  decoded text goes on to ``clean``;
* an arbitrary ``str`` (lone surrogates included) for ``clean``;
* a document assembled from fragments that reach deep code (mojibake, share
  lines, bylines, entities, control characters, mixed line endings), which
  random bytes would take hours to spell.

Invariants checked on every result: no exception; every finding's offsets lie
in the text and its line/column agree with an independent count; severities
and confidences are in range; and, for inputs under 2,000 characters,
cleaning is idempotent (a second pass changes nothing).

A crash is written to fuzz/crashes/ (``crash-<sha1>``) and stops the run;
turn each into a case in tests/test_fuzz_regressions.py. With
``FUZZ_KEEP_GOING=FILE`` every failure (a broken invariant or an exception) is
appended to FILE as a JSON line (the input in hex, the error) and fuzzing goes
on: a known failure then does not end a ten-minute run in its first second
(libFuzzer's -fork mode, which would do the same, does not work under atheris).
"""

from __future__ import annotations

import json
import os
import pkgutil
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["cleanse"]):
    import cleanse
    import cleanse.detectors
    from cleanse.config import Config
    from cleanse.io import InputError, decode, encode

    # cleanse imports most of itself lazily; instrument every module now.
    for module in pkgutil.walk_packages(cleanse.__path__, "cleanse."):
        if module.name not in ("cleanse.__main__",):
            __import__(module.name)

from tests.conftest import line_starts  # noqa: E402  (an independent line count)

CONFIG = Config(readability=False)  # textstat's figures are not under test and cost a second to load
IDEMPOTENCE_LIMIT = 2000

FRAGMENTS = [
    "artÃculo", "Comparte este artÃculo", "🔗 Comparte este artÃculo", "donâ€™t", "cafÃ©", "SÃO PAULO",
    "SilbenÂtrennung", "K\ufffdnig", "Stra?e", "\x00", "\x1b[0m", "\ufeff", "Mos\u200bcow", "\r\n", "\r", "\n",
    "\n\n", " ", "\t", "Share this article", "icon-facebook icon-twitter", "Facebook Twitter WhatsApp",
    "RELATED:", "Author: HGV", "By Jane Smith", "Source: Agencias", "Photo: EFE.", "Fri Jan 16 2026",
    "January 16, 2026 Hour: 3:59 pm", "It is pertinent to mention that", "“quoted”", "«cita»", "—", "AT&amp;T",
    "&#8217;", "caf&Atilde;&copy;", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "ä¸ å›½", "ﬁnancial", "ＣＯＶＩＤ－１９", "CОVID", "cleanse: ignore",
    "cleanse: ignore[ENC001]", "```", "<p>", "http://example.com/a?b=c", "The Kremlin said on Friday.",
    "de la que el ", "Ã", "â€", "\u00a0", "¿", "16 de enero de 2026", "1,5 million",
]


def check(text: str) -> None:
    result = cleanse.clean(text, CONFIG)
    assert isinstance(result.text, str)
    starts = line_starts(text)
    from bisect import bisect_right

    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), (f, len(text))
        line = bisect_right(starts, f.start)
        assert (f.line, f.column) == (line, f.start - starts[line - 1] + 1), (f, starts[line - 1])
        assert f.severity in ("info", "warning", "error"), f
        assert 0.0 <= f.confidence <= 1.0, f
    assert 0.0 <= result.score <= 100.0 and 0.0 <= result.score_after <= 100.0
    if len(text) <= IDEMPOTENCE_LIMIT:
        again = cleanse.clean(result.text, CONFIG).text
        assert again == result.text, ("not idempotent", text, result.text, again)


KEEP_GOING = os.environ.get("FUZZ_KEEP_GOING")


def test_one_input(data: bytes) -> None:
    if not KEEP_GOING:
        run_one(data)
        return
    try:
        run_one(data)
    except Exception as err:  # recorded, and the run goes on
        with open(KEEP_GOING, "a", encoding="utf-8") as log:
            log.write(json.dumps({"input": data.hex(), "error": repr(err)[:4000]}, ensure_ascii=False) + "\n")


def run_one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        raw = fdp.ConsumeBytes(fdp.remaining_bytes())
        try:
            decoded = decode(raw, "fuzz")
        except InputError as err:
            assert "\n" not in str(err), err
            return
        written = encode(decoded.text, decoded.encoding)
        if decoded.legacy is not None and decoded.legacy.strays:
            # A UTF-8 file's stray bytes are written back as the UTF-8 of the
            # Windows-1252 characters they were read as: valid UTF-8 that reads
            # back as the same text, and nothing else changes.
            assert decode(written, "fuzz").text == decoded.text, ("stray bytes not written as UTF-8", raw, decoded)
            assert written.decode("utf-8") == decoded.text
        else:
            assert written == raw, ("decoding does not round-trip", raw, decoded)
        check(decoded.text)
    elif mode == 1:
        check(fdp.ConsumeUnicode(fdp.remaining_bytes()))
    else:
        parts = []
        while fdp.remaining_bytes():
            if fdp.ConsumeBool():
                parts.append(FRAGMENTS[fdp.ConsumeIntInRange(0, len(FRAGMENTS) - 1)])
            else:
                parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 12)))
        check("".join(parts))


def main() -> None:
    cleanse.clean("warm up: The Kremlin said on Friday it welcomed the calls.", CONFIG)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
