"""Shared fixtures: the seed articles, a cached cleaning of each, and a CLI runner."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import cleanse
from cleanse.edits import looks_blank

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

SEED_NAMES = {
    "000": "000_2be2c900c42db464.txt",
    "001": "001_0e91fccc66673a70.txt",
    "002": "002_a2d32abba07d458e.txt",
    "003": "003_d2acd7c0f91e677d.txt",
    "004": "004_e02f2e3c9eaf0ad5.txt",
}
SEED_IDS = sorted(SEED_NAMES)


def load_benchmark(name: str) -> types.ModuleType:
    """The script ``benchmarks/<name>.py`` as a module: tests run its scorer."""
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def seed_path(key: str) -> Path:
    return FIXTURES / SEED_NAMES[key]


def read_seed(key: str) -> str:
    """The seed exactly as stored (no newline translation)."""
    return seed_path(key).read_bytes().decode("utf-8")


_CLEANED: dict[str, cleanse.Result] = {}


def cleaned_seed(key: str) -> cleanse.Result:
    """``cleanse.clean`` of a seed with the default configuration, computed once per session."""
    if key not in _CLEANED:
        _CLEANED[key] = cleanse.clean(read_seed(key))
    return _CLEANED[key]


def line_starts(text: str) -> list[int]:
    """Offsets at which each line starts, splitting on \\r\\n, \\r and \\n only (computed independently)."""
    starts = [0]
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
            starts.append(i)
        elif ch == "\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    if len(starts) > 1 and starts[-1] == n:
        # a terminator at the very end does not open a new line
        starts.pop()
    return starts


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` with lines split on \\r\\n, \\r, \\n only."""
    starts = line_starts(text)
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
        else:
            break
    return index + 1, offset - starts[index] + 1


def physical_lines(text: str) -> list[str]:
    """Lines without terminators, split on \\r\\n, \\r and \\n only."""
    starts = line_starts(text)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        out.append(text[start:end].rstrip("\r\n"))
    return out


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {key: read_seed(key) for key in SEED_IDS}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return {key: seed_path(key) for key in SEED_IDS}


def no_traceback(result) -> None:
    """A CLI run said what went wrong in words, not with a Python traceback."""
    assert "Traceback" not in result.stderr, result.stderr


class CLIResult:
    def __init__(self, proc: subprocess.CompletedProcess[bytes]) -> None:
        self.returncode = proc.returncode
        self.stdout_bytes = proc.stdout
        self.stdout = proc.stdout.decode("utf-8")
        self.stderr = proc.stderr.decode("utf-8")

    def __repr__(self) -> str:
        return f"CLIResult(rc={self.returncode}, stdout={self.stdout[:300]!r}, stderr={self.stderr[:500]!r})"


def make_runner(workdir: Path):
    """A function running ``python -m cleanse ARGS`` with ``workdir`` as the current directory.

    ``runner.many([(args, kwargs), ...])`` runs several invocations concurrently (each subprocess
    spends most of its time loading langdetect/textstat, so this halves the wall time).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"

    def start(args, input=None, cwd=None, extra_env=None):
        if isinstance(input, str):
            input = input.encode("utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleanse", *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd or workdir,
            env={k: v for k, v in {**env, **(extra_env or {})}.items() if v is not None},
        )
        return proc, input if input is not None else b""

    def finish(proc, input):
        out, err = proc.communicate(input, timeout=180)
        return CLIResult(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))

    def run(*args: str | os.PathLike[str], input: bytes | str | None = None, cwd: Path | None = None,
            env: dict[str, str | None] | None = None) -> CLIResult:
        """``env`` adds to (or, with None values, removes from) the environment."""
        return finish(*start(args, input, cwd, env))

    def many(calls) -> list[CLIResult]:
        results: list[CLIResult | None] = [None] * len(calls)
        width = max(2, os.cpu_count() or 2)
        for offset in range(0, len(calls), width):
            batch = []
            for index, call in enumerate(calls[offset : offset + width], offset):
                args, kwargs = (call, {}) if not isinstance(call[-1], dict) else (call[:-1], call[-1])
                batch.append((index, *start(args, kwargs.get("input"), kwargs.get("cwd"), kwargs.get("env"))))
            for index, proc, data in batch:
                results[index] = finish(proc, data)
        return results  # type: ignore[return-value]

    run.many = many
    run.workdir = workdir
    return run


@pytest.fixture
def run_cli(tmp_path):
    """Run ``python -m cleanse ARGS`` in a fresh working directory (no stray config is discovered)."""
    return make_runner(tmp_path / "cwd")


@pytest.fixture(scope="module")
def run_cli_shared(tmp_path_factory):
    """Like ``run_cli``, shared by a module (for runs whose output several tests read)."""
    return make_runner(tmp_path_factory.mktemp("shared") / "cwd")




def blank_runs(text: str) -> list[int]:
    """Lengths of the runs of blank lines in ``text``: lines with no visible character."""
    runs, current = [], 0
    for line in physical_lines(text):
        if not looks_blank(line):  # a line of control characters only (`\x1b`) reads as blank
            if current:
                runs.append(current)
            current = 0
        else:
            current += 1
    if current:
        runs.append(current)
    return runs
