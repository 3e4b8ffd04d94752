"""The whole pipeline works with the network switched off.

Runs in a fresh interpreter so the lazy imports (ftfy, langdetect, textstat,
stopwordsiso) happen after the sockets are blocked: a library that downloads a
model or a dictionary on first use fails here instead of in a sealed CI job.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .conftest import FIXTURES, SEED_IDS, SEED_NAMES

SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    attempts = []

    def blocked(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise OSError("network disabled by test_offline")

    socket.socket.connect = blocked
    socket.socket.connect_ex = blocked
    socket.socket.sendto = blocked
    socket.create_connection = blocked
    socket.getaddrinfo = blocked
    socket.gethostbyname = blocked

    heavy = ("ftfy", "langdetect", "textstat", "stopwordsiso", "pyphen", "nltk")
    preloaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)

    import cleanse
    from pathlib import Path

    folder = Path(sys.argv[1])
    out = {"preloaded": preloaded, "results": {}}
    for path in sorted(folder.glob("*.txt")):
        result = cleanse.clean(path.read_text(encoding="utf-8"))
        out["results"][path.name] = {
            "language": result.language,
            "score": result.score,
            "rules": sorted({f.rule for f in result.findings}),
            "readability": result.metrics.get("readability", {}),
            "source_language": result.metrics["translation"]["source_language"],
        }
    # the spanish share string, through the record API too
    rows = list(cleanse.clean_records([{"text": "Comparte este artÃculo\\n"}], select=["encoding"]))
    out["records"] = rows[0]["text"]
    out["attempts"] = attempts
    print(json.dumps(out))
    """
)


def test_pipeline_runs_with_network_blocked(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(FIXTURES)],
        capture_output=True,
        cwd=tmp_path,
        timeout=180,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    out = json.loads(proc.stdout)
    assert out["preloaded"] == [], "heavy modules were imported before the network was blocked"
    assert out["attempts"] == [], "something tried to reach the network"
    results = out["results"]
    assert sorted(results) == sorted(SEED_NAMES.values())
    for key in SEED_IDS:
        row = results[SEED_NAMES[key]]
        assert row["language"] == "en"
        readability = row["readability"]
        assert isinstance(readability.get("flesch_reading_ease"), float), (key, readability)
        assert "flesch_kincaid_grade" in readability and "gunning_fog" in readability
        assert readability["words"] > 100
    assert results[SEED_NAMES["001"]]["source_language"] == "es"
    assert "ENC001" in results[SEED_NAMES["001"]]["rules"]
    assert "READ001" in results[SEED_NAMES["004"]]["rules"]
    assert out["records"] == "Comparte este artículo\n"
