"""Output formats: text (ruff-like, source line and caret, colour on a terminal
only), concise, github annotations, SARIF 2.1.0 (validated against the
official schema), ``clean --diff``, and the flags around them (--exit-zero,
--quiet, --verbose)."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

import cleanse
from cleanse.batch import Outcome
from cleanse.discover import Input
from cleanse.report import Options, renderer
from cleanse.report.github import escape_data, escape_property
from cleanse.report.text import glyph, snippet

from .conftest import ROOT, SEED_IDS, cleaned_seed, no_traceback, read_seed

FINDING_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Z]+\d{3}) \[(?P<sev>info|warning|error)\] \S.*$")
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[A-Z]+\d{3})::(?P<message>.+)$"
)
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")
KEPT_MOJIBAKE = "The café reopened on Friday after the artÃculo was published.\nAuthor: HGV\n"


def outcome_for(text: str, path: str = "doc.txt") -> Outcome:
    return Outcome(Input(path, None, True), result=cleanse.clean(text), original=text)


def render(fmt: str, *outcomes: Outcome, **options) -> str:
    stream = io.StringIO()
    r = renderer(fmt)(stream, Options(**options))
    for outcome in outcomes:
        r.file(outcome)
    r.close()
    return stream.getvalue()


# --------------------------------------------------------------------------- text
def test_glyph_widths_and_stand_ins():
    assert glyph("a") == ("a", 1)
    assert glyph("🔗") == ("🔗", 2)
    assert glyph("中") == ("中", 2)
    assert glyph("\u0301") == ("\u0301", 0)  # combining acute
    assert glyph("\x1b") == ("␛", 1)  # a terminal must never receive a raw escape
    assert glyph("\u200b") == ("<U+200B>", 8)
    assert glyph("\u202e")[0] == "<U+202E>"  # bidi override shown, not obeyed
    assert glyph("\u00ad")[0] == "<U+00AD>"  # soft hyphen, the heart of ENC001
    assert glyph("\u200d") == ("\u200d", 0)  # joiners kept for emoji


def test_snippet_window_on_long_lines():
    line = "word " * 60 + "TARGET" + " tail" * 40
    start = line.index("TARGET")
    shown, column, width = snippet(line, start, start + 6)
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[column : column + width] == "TARGET"
    assert len(shown) <= 102
    short, column, width = snippet("Author: HGV", 0, 11)
    assert (short, column, width) == ("Author: HGV", 0, 11)


def test_text_caret_under_the_span():
    text = "🔗 Comparte este artÃculo\n\nThe Kremlin said on Friday it welcomed the calls from Europe.\n"
    out = render("text", outcome_for(text))
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if " ENC001 " in line)
    assert FINDING_LINE.match(lines[header])
    assert lines[header + 1].strip() == "|"
    source, caret = lines[header + 2], lines[header + 3]
    assert source == "1 | 🔗 Comparte este artÃculo"
    # the emoji takes two columns, so the caret sits under Ã in a terminal
    prefix = source[: source.index("Ã")]
    display = sum(glyph(ch)[1] for ch in prefix)
    assert caret.index("^") == display
    assert caret.endswith("^ ENC001")
    assert "\x1b" not in out


def test_text_summary_names_why_a_file_fails(run_cli, seed_paths):
    result = run_cli("check", seed_paths["001"], seed_paths["003"], "--fail-under", "90")
    assert result.returncode == 1
    summary = [line for line in result.stdout.splitlines() if ": score " in line]
    assert len(summary) == 2
    first, third = cleaned_seed("001"), cleaned_seed("003")
    assert summary[0].endswith(f"; fails: score {first.score:.1f} is under fail-under 90; "
                               "1 finding at or above fail-on error (ENC001)")
    assert "fails" not in summary[1]
    findings = first.findings + third.findings
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    parts = [f"{counts['error']} error", f"{counts['warning']} warnings"] + ([f"{counts['info']} info"] if counts["info"] else [])
    assert result.stdout.splitlines()[-1] == f"Checked 2 files: {len(findings)} findings ({', '.join(parts)}); 1 file fails."


def test_concise_and_quiet(run_cli, seed_paths):
    concise, quiet = run_cli.many([
        ("check", seed_paths["001"], "--format", "concise"),
        ("check", seed_paths["001"], "--quiet"),
    ])
    n = len(cleaned_seed("001").findings)
    lines = concise.stdout.splitlines()
    assert all(FINDING_LINE.match(line) for line in lines[:n]) and len(lines) == n + 1
    assert lines[-1].endswith(f"{n} findings; fails: 1 finding at or above fail-on error (ENC001)")
    assert quiet.stdout.splitlines() == lines[:n]
    assert quiet.stderr == ""
    assert concise.returncode == quiet.returncode == 1


def _run_on_terminal(args, env_extra, stream="stdout"):
    """Run the CLI with stdout (or stderr) on a pseudo-terminal, as a person at a shell would."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TERM": "xterm", **env_extra}
    env = {k: v for k, v in env.items() if v is not None}
    streams = {"stdout": follower, "stderr": subprocess.PIPE} if stream == "stdout" else \
        {"stdout": subprocess.DEVNULL, "stderr": follower}
    proc = subprocess.Popen([sys.executable, "-m", "cleanse", *map(str, args)], env=env, **streams)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_only(run_cli, seed_paths):
    path = seed_paths["003"]
    rc, coloured = _run_on_terminal(["check", path], {"NO_COLOR": None, "FORCE_COLOR": None})
    assert rc == 0
    assert "\x1b[1;33mBOI008\x1b[0m" in coloured  # warning colour
    rc, plain = _run_on_terminal(["check", path], {"NO_COLOR": "1", "FORCE_COLOR": None})
    assert rc == 0 and "\x1b[" not in plain
    assert ANSI.sub("", coloured).replace("\r\n", "\n") == plain.replace("\r\n", "\n")
    piped = run_cli("check", path, env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert "\x1b[" not in piped.stdout
    assert piped.stdout == plain.replace("\r\n", "\n")


def test_progress_on_a_terminal_only(run_cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(KEPT_MOJIBAKE, encoding="utf-8")
    args = ["clean", folder, "--output-dir", tmp_path / "out"]
    rc, terminal = _run_on_terminal(args, {}, stream="stderr")
    assert rc == 0
    # the tqdm bar, redrawn in place: bytes done of the total, rate, files done
    assert "\rcleanse:   0%|" in terminal and "B/s" in terminal and "/3 files]" in terminal
    assert terminal.rstrip().endswith("3 files cleaned, 3 changed, 3 written")
    rc, quiet = _run_on_terminal([*args, "--quiet"], {}, stream="stderr")
    assert rc == 0 and quiet == ""
    piped = run_cli(*args)
    assert "\r" not in piped.stderr and "/3 files" not in piped.stderr


def test_one_input_draws_its_bar_by_the_time_it_takes_not_its_size():
    # Only inputs over 4 MB on disk drew a bar, so a 3.3 MB .jsonl.gz (22 MB
    # of text, 12 s of cleaning) drew none. One input now draws its bar once
    # it has lasted ONE_INPUT_DELAY, whatever its size; a run that ends at
    # once draws nothing, and a message before then does not draw it early.
    import time

    from cleanse.progress import Progress

    stream = io.StringIO()
    bar = Progress(True, 3_300_000, 1, stream=stream)
    assert bar.shown
    bar.advance(100_000, records=64)
    bar.write("cleanse: a message")
    assert stream.getvalue() == "cleanse: a message\n"
    time.sleep(1.3)  # past progress.ONE_INPUT_DELAY, one second
    bar.advance(100_000, records=64)
    assert "200k/3.30M" in stream.getvalue() and "0/1 files, 128 records" in stream.getvalue()
    bar.close()


def test_every_format_with_report_and_html_in_one_run(run_cli, seed_paths, tmp_path):
    """All renderers can share one process (a json renderer once shadowed the json module)."""
    calls = [("check", seed_paths["003"], "--format", fmt, "--report", tmp_path / f"{fmt}.jsonl",
              "--html", tmp_path / f"{fmt}.html") for fmt in ("text", "concise", "json", "jsonl", "github", "sarif")]
    for fmt, result in zip(("text", "concise", "json", "jsonl", "github", "sarif"), run_cli.many(calls), strict=True):
        assert result.returncode == 0, (fmt, result)
        assert json.loads((tmp_path / f"{fmt}.jsonl").read_text(encoding="utf-8"))["score"] == cleaned_seed("003").score
        assert (tmp_path / f"{fmt}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        if fmt in ("json", "sarif"):
            json.loads(result.stdout)


# --------------------------------------------------------------------------- github
def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_annotations(run_cli, seed_paths):
    result = run_cli("check", seed_paths["001"], seed_paths["000"], "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings = cleaned_seed("001").findings
    assert len(lines) == len(findings)
    text = read_seed("001")
    for line, f in zip(lines, findings, strict=True):
        m = ANNOTATION.match(line)
        assert m, line
        assert m["file"] == str(seed_paths["001"]).replace(":", "%3A").replace(",", "%2C")
        assert (int(m["line"]), int(m["col"]), m["title"]) == (f.line, f.column, f.rule)
        assert m["level"] == {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        assert f.message in m["message"].replace("%25", "%")
        # the end is exclusive and on the same line for these single-line spans
        assert int(m["end_line"]) == f.line
        span = text[f.start : f.end].rstrip("\r\n")
        assert int(m["end_col"]) == f.column + len(span)


def test_github_unreadable_input(run_cli, tmp_path, seed_paths):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Comparte este artículo\n".encode("cp1252") + bytes(range(0x80, 0x100)))  # no encoding fits (Windows-1252 alone is detected)
    result = run_cli("check", bad, seed_paths["000"], "--format", "github")
    assert result.returncode == 2
    assert result.stdout.startswith(f"::error file={bad},title=cleanse::")
    assert "UTF-8" in result.stdout and "UTF-8" in result.stderr


# --------------------------------------------------------------------------- sarif
@pytest.fixture(scope="module")
def sarif_run(run_cli_shared, fixtures_dir, tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad") / "latin1.txt"
    bad.write_bytes("Author: HGV\nComparte este artículo\n".encode("cp1252") + bytes(range(0x80, 0x100)))  # no encoding fits (Windows-1252 alone is detected)
    # relative paths, as a CI job passes them
    result = run_cli_shared("check", ".", bad, "--format", "sarif", cwd=fixtures_dir)
    return result, bad


def test_sarif_validates_against_the_schema(sarif_run):
    result, _ = sarif_run
    assert result.returncode == 2  # the unreadable file
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert log["version"] == "2.1.0"


def test_sarif_content(sarif_run):
    result, bad = sarif_run
    run = json.loads(result.stdout)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cleanse"
    ids = [r["id"] for r in driver["rules"]]
    assert "ENC001" in ids and len(ids) == len(set(ids))
    assert all(r["help"]["text"] for r in driver["rules"])
    assert run["columnKind"] == "unicodeCodePoints"
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert sorted(uris) == sorted(p.name for p in (ROOT / "fixtures").glob("*.txt"))
    expected = sum(len(cleaned_seed(k).findings) for k in SEED_IDS)
    assert len(run["results"]) == expected
    by_uri = {a["location"]["uri"]: a for a in run["artifacts"]}
    assert by_uri["001_0e91fccc66673a70.txt"]["properties"]["score"] == cleaned_seed("001").score
    text = read_seed("001")
    results = [r for r in run["results"]
               if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "001_0e91fccc66673a70.txt"]
    for r, f in zip(results, cleaned_seed("001").findings, strict=True):
        assert r["ruleId"] == f.rule and driver["rules"][r["ruleIndex"]]["id"] == f.rule
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (f.line, f.column)
        assert region["snippet"]["text"] == text[f.start : f.start + region["charLength"]]
        if f.replacement is None:
            assert "fixes" not in r
        else:
            [replacement] = r["fixes"][0]["artifactChanges"][0]["replacements"]
            assert replacement["insertedContent"]["text"] == f.replacement
            assert replacement["deletedRegion"] == {"charOffset": f.start, "charLength": f.end - f.start}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and "UTF-8" in note["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_is_deterministic(run_cli, seed_paths):
    first, second = run_cli.many([("check", seed_paths["002"], "--format", "sarif")] * 2)
    assert first.stdout == second.stdout and first.returncode == 0


# --------------------------------------------------------------------------- names that are not UTF-8
def non_utf8_folder(tmp_path):
    """A folder holding ``caf\\xe9.txt`` (its name in Latin-1) and, beside
    it, a binary ``b\\xe9.txt``, as an old archive unpacked leaves them."""
    folder = tmp_path / "s"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Author: HGV\nText.\n", encoding="utf-8")
        (tmp_path / os.fsdecode(b"b\xe9.txt")).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    except (OSError, UnicodeError):  # pragma: no cover - a filesystem that allows UTF-8 names only (macOS)
        pytest.skip("this filesystem does not keep a name that is not UTF-8")
    return folder


def test_json_text_escapes_every_lone_surrogate():
    from cleanse.report.base import json_text, printable

    value = {"path": os.fsdecode(b"caf\xe9.txt"), "id": "\ud800"}  # a name's byte; a record id from JSON
    assert printable(value["path"]) == "caf\\xe9.txt"
    assert json_text(value) == '{"path": "caf\\\\xe9.txt", "id": "\\\\ud800"}'
    assert json.loads(json_text(value)) == {"path": "caf\\xe9.txt", "id": "\\ud800"}


def test_a_name_that_is_not_utf8_in_every_format(run_cli, tmp_path):
    """`caf\\xe9.txt` crashed --format sarif (UnicodeEncodeError: an empty
    report, exit 1) and gave JSON a lone surrogate; now every format writes
    its bytes escaped, one way (SARIF: percent-encoded in the URI)."""
    non_utf8_folder(tmp_path)
    named = os.fsdecode(b"b\xe9.txt")
    sarif, as_json, jsonl_run, text, github = run_cli.many([
        ("check", "s", named, "--format", "sarif", {"cwd": tmp_path}),
        ("check", "s", named, "--format", "json", {"cwd": tmp_path}),
        ("check", "s", named, "--format", "jsonl", "--report", tmp_path / "r.jsonl", {"cwd": tmp_path}),
        ("check", "s", named, {"cwd": tmp_path}),
        ("check", "s", named, "--format", "github", {"cwd": tmp_path}),
    ])
    shown = "s/caf\\xe9.txt"  # the byte 0xE9 as backslashreplace writes it
    for result in (sarif, as_json, jsonl_run, text, github):
        no_traceback(result)
        assert result.returncode == 2, result  # the named binary file; the other is checked
        assert "\\udc" not in result.stdout + result.stderr, result
        assert "cleanse: error: b\\xe9.txt: binary file" in result.stderr
    log = json.loads(sarif.stdout)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    run = log["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["s/caf%E9.txt"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "s/caf%E9.txt"
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b%E9.txt"
    assert note["message"]["text"].startswith("b\\xe9.txt: binary file")
    assert json.loads(as_json.stdout)[0]["path"] == shown
    for lines in (jsonl_run.stdout, (tmp_path / "r.jsonl").read_text(encoding="utf-8")):
        assert json.loads(lines.splitlines()[0])["path"] == shown
    assert text.stdout.startswith(f"{shown}:1:1: BOI004 [warning]")
    assert f"{shown}: score " in text.stdout
    assert github.stdout.startswith(f"::warning file={shown},line=1,col=1,")


# --------------------------------------------------------------------------- clean --diff
def test_clean_diff_writes_nothing(run_cli, tmp_path, seed_paths):
    doc = tmp_path / "doc.txt"
    doc.write_text(KEPT_MOJIBAKE, encoding="utf-8")
    clean_doc = tmp_path / "clean.txt"
    clean_doc.write_text("The committee met on Tuesday.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (doc, clean_doc)}
    result, unchanged = run_cli.many([("clean", doc, clean_doc, "--diff"), ("clean", clean_doc, "--diff")])
    assert result.returncode == 1, result  # a change would be made
    assert result.stdout == (
        f"--- {doc}\t\n+++ {doc}\t\n@@ -1,2 +1 @@\n"
        "-The café reopened on Friday after the artÃculo was published.\n"
        "-Author: HGV\n"
        "+The café reopened on Friday after the artículo was published.\n"
    )
    assert "1 would change" in result.stderr
    assert {p: p.read_bytes() for p in (doc, clean_doc)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "cwd", "doc.txt"]
    assert unchanged.returncode == 0 and unchanged.stdout == ""


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch(1) is not installed")
def test_clean_diff_applies_with_patch(run_cli, tmp_path, seed_paths):
    for key in ("001", "002"):
        shutil.copy(seed_paths[key], tmp_path / seed_paths[key].name)
    result = run_cli("clean", *sorted(p.name for p in tmp_path.glob("*.txt")), "--diff", cwd=tmp_path)
    assert result.returncode == 1
    subprocess.run(["patch", "-p0", "--quiet"], input=result.stdout_bytes, cwd=tmp_path, check=True)
    for key in ("001", "002"):
        assert (tmp_path / seed_paths[key].name).read_bytes().decode() == cleaned_seed(key).text


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch(1) is not installed")
def test_clean_diff_applies_to_any_name_and_encoding(run_cli, tmp_path):
    """`patch -p0` applies the diff of a name with a space (the header ends the
    name with a tab: `--- sp/my note.md` was the file `sp/my`), of a name that
    is not UTF-8, and of Windows-1252 and UTF-16 files (the hunks are the
    file's bytes, not UTF-8 text: they did not apply, or applied with fuzz)."""
    text = "Author: HGV\r\nThe café reopened on Friday after the long winter.\r\nLast line"
    files = {
        "sp/my note.md": text.encode("utf-8"),
        "enc/w1252.txt": text.encode("cp1252"),
        "enc/utf16.txt": text.encode("utf-16"),  # with a BOM
        "enc/utf16le.txt": text.encode("utf-16-le"),  # without one
        os.fsdecode(b"enc/caf\xe9.txt"): text.encode("utf-8"),
    }
    for root in ("work", "fixed"):
        for name, data in files.items():
            (tmp_path / root / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / root / name).write_bytes(data)
    fixed = run_cli("clean", "sp", "enc", "--in-place", cwd=tmp_path / "fixed")
    assert fixed.returncode == 0, fixed
    # run here, not with run_cli: its stdout is bytes in three encodings, not UTF-8 text
    diff = subprocess.run([sys.executable, "-m", "cleanse", "clean", "sp", "enc", "--diff"], cwd=tmp_path / "work",
                          capture_output=True, timeout=180)
    stderr = diff.stderr.decode("utf-8")
    assert diff.returncode == 1 and "Traceback" not in stderr, stderr
    assert b"--- sp/my note.md\t\n+++ sp/my note.md\t\n" in diff.stdout
    assert b'--- "enc/caf\\351.txt"\t\n' in diff.stdout  # quoted as git quotes it
    assert " The café reopened".encode("cp1252") in diff.stdout  # the file's bytes (a context line)
    assert "The café reopened".encode("utf-16-le") in diff.stdout
    for name in ("enc/w1252.txt", "enc/utf16.txt", "enc/utf16le.txt"):
        assert f"{name}: the diff is in " in stderr
    dry = subprocess.run(["patch", "-p0", "--dry-run"], input=diff.stdout, cwd=tmp_path / "work", capture_output=True)
    assert dry.returncode == 0 and b"fuzz" not in dry.stdout and b"FAILED" not in dry.stdout, dry.stdout
    assert dry.stdout.count(b"checking file") == len(files)
    subprocess.run(["patch", "-p0", "--quiet"], input=diff.stdout, cwd=tmp_path / "work", check=True)
    for name in files:  # patched, each file holds what --in-place writes
        assert (tmp_path / "work" / name).read_bytes() == (tmp_path / "fixed" / name).read_bytes() != files[name]


def test_clean_diff_of_text_its_encoding_cannot_hold(run_cli, tmp_path):
    """A Windows-1252 file whose cleaned text has a character Windows-1252
    lacks: --in-place refuses to write it, so --diff shows no diff for it and
    says why (it would otherwise show a change that cannot be made)."""
    doc = tmp_path / "arrow.txt"
    doc.write_bytes("The café &rarr; reopened on Friday after the long winter.\n".encode("cp1252"))
    result = run_cli("clean", doc, "--diff", "--select", "ENC007,ENC011")
    no_traceback(result)
    assert result.returncode == 2 and result.stdout == "", result
    assert f"cleanse: error: {doc}: no diff: the cleaned text has '→'" in result.stderr


def test_diff_marks_a_missing_final_newline():
    from cleanse.report.diff import unified_diff

    lines = list(unified_diff(b"Author: HGV\nLast line", b"Last line", "x.txt"))
    # the unterminated last line is context (unchanged), marked once as diff(1) does
    assert lines[-3:] == [b"-Author: HGV\n", b" Last line\n", b"\\ No newline at end of file\n"]


# --------------------------------------------------------------------------- exit status and noise
def test_exit_zero(run_cli, seed_paths, tmp_path):
    fails, missing, clean_fails = run_cli.many([
        ("check", seed_paths["001"], "--exit-zero"),
        ("check", seed_paths["001"], tmp_path / "nope.txt", "--exit-zero"),
        ("clean", seed_paths["004"], "--fail-under", "99", "--exit-zero"),
    ])
    assert fails.returncode == 0 and " ENC001 " in fails.stdout
    assert missing.returncode == 2  # an unreadable input is never hidden
    assert clean_fails.returncode == 0


def test_a_single_failing_input_says_why(run_cli, seed_paths, tmp_path):
    """One file under --fail-under exited 1 with only "1 file cleaned, 0
    changed, 0 written": the closing summary, whose failures say why, is for
    batches. Now a run without it says why on stderr, unless stdout does."""
    doc = tmp_path / "doc.txt"
    shutil.copy(seed_paths["004"], doc)
    score = cleaned_seed("004").score_after
    assert score < 99
    in_place, to_stdout, as_json, text, quiet = run_cli.many([
        ("clean", doc, "--fail-under", "99", "--in-place"),
        ("clean", doc, "--fail-under", "99"),
        ("check", doc, "--fail-under", "99", "--format", "json"),
        ("check", doc, "--fail-under", "99"),
        ("clean", doc, "--fail-under", "99", "--in-place", "--quiet"),
    ])
    for result in (in_place, to_stdout, as_json, text, quiet):
        assert result.returncode == 1, result
    why = f"cleanse: {doc}: fails: score after cleaning {score:.1f} is under fail-under 99"
    assert why in in_place.stderr.splitlines() and why in to_stdout.stderr.splitlines()
    assert f"cleanse: {doc}: fails: score {cleaned_seed('004').score:.1f} is under fail-under 99" in as_json.stderr
    assert text.stderr == "" and "; fails: score" in text.stdout  # the score line says it
    assert quiet.stderr == ""


def test_verbose_says_what_it_uses(run_cli, seed_paths):
    (run_cli.workdir / ".cleanse.toml").write_text('ignore = ["SYN001"]\n')
    verbose, plain = run_cli.many([("check", seed_paths["003"], "--verbose"), ("check", seed_paths["003"])])
    assert verbose.stdout == plain.stdout
    assert ".cleanse.toml" in verbose.stderr
    assert "rules enabled" in verbose.stderr and "SYN001" not in verbose.stderr.split("rules enabled")[1].split("\n")[0]
    assert f"score {cleaned_seed('003').score:.1f} -> " in verbose.stderr
    assert plain.stderr == ""
    both = run_cli("check", seed_paths["003"], "--verbose", "--quiet")
    assert both.returncode == 2 and "not allowed" in both.stderr


def test_quiet_in_place_is_silent(run_cli, tmp_path, seed_paths):
    doc = tmp_path / "doc.txt"
    doc.write_text(KEPT_MOJIBAKE, encoding="utf-8")
    quiet = run_cli("clean", doc, "--in-place", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    doc.write_text(KEPT_MOJIBAKE, encoding="utf-8")
    loud = run_cli("clean", doc, "--in-place")
    assert f"fixed {doc} (1 removal, 1 repair)" in loud.stderr


def test_errors_name_the_file_and_what_to_do(run_cli, seed_paths, tmp_path):
    missing, report, empty = run_cli.many([
        ("check", tmp_path / "nope.md"),
        ("check", seed_paths["000"], "--report", tmp_path / "no" / "such" / "dir" / "r.jsonl"),
        ("check", tmp_path, "--select", "encoding"),
    ])
    assert missing.returncode == 2
    assert "nope.md: no such file or directory; check the path" in missing.stderr
    assert report.returncode == 2 and "r.jsonl" in report.stderr and "create the folder" in report.stderr
    assert empty.returncode == 0 and "no files to check under" in empty.stderr and "include:" in empty.stderr


def test_the_eta_leaves_out_what_an_earlier_run_did():
    # --resume's skipped records are done on the bar, not in its rate: 900
    # bytes skipped, 10 cleaned in 10 seconds is 1 B/s and 90 bytes, 90
    # seconds, to go (a clock of the test's, not the machine's).
    from cleanse.progress import Progress

    stream = io.StringIO()
    bar = Progress(True, 1000, 2, stream=stream)
    clock = [0.0]
    tq = bar._bar
    tq._time, tq.start_t, tq.last_print_t = (lambda: clock[0]), 0.0, 0.0
    bar.skip(900)
    clock[0] = 10.0
    bar.advance(10)
    assert tq.format_dict["rate"] == pytest.approx(1.0)
    assert "910/1.00k [00:10<01:30," in stream.getvalue()
    bar.close()
