"""The README's shown output is real: the deterministic examples are run from
the repository root and compared line by line with what the README prints
under them (a README that drifts from the tool teaches the wrong thing)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# Commands whose stdout holds no timing, so it must match the README exactly.
EXAMPLES = (
    "cleanse clean examples/crawl.jsonl --columns id,text,score,score_after,language",
    "cleanse check examples/crawl.jsonl --id-field id --format concise",
    "cleanse check fixtures/ | grep ': score'",
)


def _shown(command: str) -> list[str]:
    """The lines the README shows under ``$ command``, up to a blank line or the block's end."""
    match = re.search(rf"^\$ {re.escape(command)}\n((?:(?!```).+\n)+)", README, re.MULTILINE)
    assert match, f"README no longer shows `{command}`"
    return match.group(1).splitlines()


@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_output_is_real(command: str) -> None:
    program, _, grep = command.partition(" | grep ")
    args = [sys.executable, "-m", "cleanse", *program.split()[1:]]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    lines = proc.stdout.splitlines()
    if grep:
        lines = [line for line in lines if grep.strip("'") in line]
    assert lines == _shown(command)


def test_hook_manifest_shows_the_rev_the_readme_shows() -> None:
    """The usage comment of .pre-commit-hooks.yaml said `rev: v0.1.0` while the
    README says no release is tagged: the two show one rev line."""
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    [in_manifest] = re.findall(r"^#\s+(rev: .*)$", manifest, re.MULTILINE)
    [in_readme] = re.findall(r"^\s+(rev: .*)$", README, re.MULTILINE)
    assert in_manifest == in_readme
