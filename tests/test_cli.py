"""The ``cleanse`` command, run as ``python -m cleanse`` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from .conftest import SEED_IDS, SEED_NAMES, cleaned_seed, no_traceback, physical_lines, read_seed, seed_path

RESULT_KEYS = {"path", "score", "score_after", "language", "findings", "metrics"}
FINDING_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Z]+\d{3}) \[(?P<sev>info|warning|error)\] \S.*$")
SNIPPET_LINE = re.compile(r"^ *\d* \|( .*)?$")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def copy_seeds(dest, keys=SEED_IDS):
    dest.mkdir(parents=True, exist_ok=True)
    for key in keys:
        shutil.copy(seed_path(key), dest / SEED_NAMES[key])
    return dest


SMALL_TEXT = "The committee met on Tuesday and agreed the budget for next year.\n"


@pytest.fixture(scope="module")
def folder_runs(run_cli_shared, fixtures_dir):
    """`check fixtures/` as jsonl (jobs 1 and 2) and as json, run once for the module."""
    jsonl_1, jsonl_2, as_json = run_cli_shared.many([
        ("check", fixtures_dir, "--format", "jsonl", "--jobs", "1"),
        ("check", fixtures_dir, "--format", "jsonl", "--jobs", "2"),
        ("check", fixtures_dir, "--format", "json"),
    ])
    return {"jsonl": jsonl_1, "jsonl-jobs2": jsonl_2, "json": as_json}


# --------------------------------------------------------------------------- check: formats
def test_check_folder_jsonl(folder_runs):
    result = folder_runs["jsonl"]
    no_traceback(result)
    assert result.returncode == 1  # seed 001 has an error-severity finding
    rows = jsonl(result.stdout)
    assert len(rows) == 5
    assert len(result.stdout.strip().splitlines()) == 5
    for row in rows:
        assert set(row) == RESULT_KEYS
    names = [os.path.basename(row["path"]) for row in rows]
    assert sorted(names) == sorted(SEED_NAMES.values())
    by_name = {os.path.basename(row["path"]): row for row in rows}
    for key, name in SEED_NAMES.items():
        row, expected = by_name[name], cleaned_seed(key)
        assert row["score"] == expected.score
        assert row["score_after"] == expected.score_after
        assert row["language"] == expected.language
        assert row["findings"] == [f.to_dict() for f in expected.findings]
        assert row["metrics"]["translation"]["source_language"] == expected.metrics["translation"]["source_language"]


def test_check_folder_json_array(folder_runs):
    result = folder_runs["json"]
    no_traceback(result)
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 5
    assert all(set(obj) == RESULT_KEYS for obj in data)
    assert data == jsonl(folder_runs["jsonl"].stdout)
    assert result.returncode == 1


def test_check_text_format(run_cli, seed_paths):
    path = seed_paths["001"]
    result = run_cli("check", path)
    assert result.returncode == 1
    finding_lines = [line for line in result.stdout.splitlines() if FINDING_LINE.match(line)]
    expected = cleaned_seed("001").findings
    assert len(finding_lines) == len(expected)
    for line, f in zip(finding_lines, expected, strict=True):
        m = FINDING_LINE.match(line)
        assert m["path"] == str(path)
        assert (int(m["line"]), int(m["col"]), m["rule"], m["sev"]) == (f.line, f.column, f.rule, f.severity)
    # any other line is a per-file summary naming the path, or the source
    # line and caret under a finding (gutter `N |`), or the blank line after it
    for line in result.stdout.splitlines():
        assert FINDING_LINE.match(line) or line.startswith(f"{path}:") or SNIPPET_LINE.match(line) or not line


# --------------------------------------------------------------------------- check: exit status
EXIT_CASES = [
    (("001",), 1),  # ENC001 is an error
    (("003", "--fail-on", "error"), 0),
    (("003", "--fail-on", "warning"), 1),  # BOI008 is a warning
    (("003", "--fail-under", "99"), 1),  # score 97.1
]


def test_check_exit_status(run_cli, seed_paths):
    calls = [("check", seed_paths[args[0]], *args[1:]) for args, _ in EXIT_CASES]
    results = run_cli.many(calls)
    for (args, expected), result in zip(EXIT_CASES, results, strict=True):
        assert result.returncode == expected, (args, result)
        no_traceback(result)


def test_check_missing_path_among_valid_ones(run_cli, seed_paths, tmp_path):
    missing = tmp_path / "does-not-exist.txt"
    result, text = run_cli.many([
        ("check", seed_paths["003"], missing, seed_paths["000"], "--format", "jsonl"),
        ("check", tmp_path / "nope.txt", seed_paths["003"]),
    ])
    assert result.returncode == 2
    rows = jsonl(result.stdout)
    # one object per input: the missing path too, with the reason (paths that
    # yield no input are reported before the inputs are read)
    assert [os.path.basename(r["path"]) for r in rows] == ["does-not-exist.txt", SEED_NAMES["003"], SEED_NAMES["000"]]
    assert rows[0] == {"path": str(missing), "error": f"{missing}: no such file or directory", "skipped": False}
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("cleanse: error:")]
    assert len(lines) == 1, result.stderr  # said once; the closing summary follows on stderr
    assert str(missing) in lines[0]
    assert "cleanse: summary: 2 files" in result.stderr
    no_traceback(result)
    # text format, the missing path first
    assert text.returncode == 2
    assert str(seed_paths["003"]) in text.stdout
    assert len(text.stderr.strip().splitlines()) == 1 and "nope.txt" in text.stderr
    no_traceback(text)
    # the text total counts it: "all pass" alone read as if every input was checked
    assert text.stdout.splitlines()[-1].endswith("; 1 more could not be checked.")


def test_inputs_that_fail_reach_the_reports(run_cli, seed_paths, tmp_path):
    # A missing path, a record that is not JSON and a record without text are
    # each named in the SARIF log (executionSuccessful false), and the text
    # total counts them, even beside a single good record.
    records = tmp_path / "bad.jsonl"
    records.write_text('{"id": 1, "text": "The council met on Monday to discuss the budget."}\nnot json\n'
                       '{"id": 3}\n', encoding="utf-8")
    missing = tmp_path / "nope.txt"
    sarif, text, nothing = run_cli.many([
        ("check", seed_paths["003"], missing, records, "--format", "sarif"),
        ("check", records),
        ("check", missing, tmp_path / "nope-2.txt"),
    ])
    assert sarif.returncode == 2
    [invocation] = json.loads(sarif.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = [(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["message"]["text"])
             for n in invocation["toolExecutionNotifications"]]
    assert [uri.rsplit("/", 1)[-1] for uri, _ in notes] == ["nope.txt", "bad.jsonl%231", "bad.jsonl%232"]
    assert notes[0][1].endswith("nope.txt: no such file or directory")
    assert notes[1][1].endswith("bad.jsonl#1: not JSON (Expecting value at column 1)")
    assert text.returncode == 2
    assert text.stdout.splitlines()[-1] == "Checked 1 record: 0 findings; all pass; 2 more could not be checked."
    assert nothing.returncode == 2
    assert nothing.stdout == "Nothing checked: 2 inputs could not be read.\n"


def test_check_stdin(run_cli):
    result, ok = run_cli.many([
        ("check", "-", "--format", "jsonl", {"input": read_seed("001")}),
        ("check", "-", {"input": read_seed("000")}),
    ])
    assert result.returncode == 1
    [row] = jsonl(result.stdout)
    assert row["path"] == "-"
    assert row["findings"] == [f.to_dict() for f in cleaned_seed("001").findings]
    assert ok.returncode == 0
    assert ok.stdout.startswith("<stdin>")


def test_check_select_and_ignore_flags(run_cli, seed_paths):
    path = seed_paths["001"]
    selected, ignored, extended = run_cli.many([
        ("check", path, "--format", "jsonl", "--select", "boilerplate,ENC"),
        ("check", path, "--format", "jsonl", "--ignore", "ENC001,translation"),
        ("check", path, "--format", "jsonl", "--select", "ENC", "--extend-select", "byline"),
    ])
    rules = {f["rule"] for f in jsonl(selected.stdout)[0]["findings"]}
    assert rules == {"ENC001", "BOI002", "BOI003", "BOI004", "BOI005", "BOI006", "BOI007", "BOI008"}
    rules = {f["rule"] for f in jsonl(ignored.stdout)[0]["findings"]}
    assert "ENC001" not in rules and not any(r.startswith("TRN") for r in rules) and "BOI002" in rules
    assert ignored.returncode == 0  # no error-severity finding is left
    assert {f["rule"] for f in jsonl(extended.stdout)[0]["findings"]} == {"ENC001", "BOI004"}


def test_check_unknown_rule_flag_is_usage_error(run_cli, seed_paths):
    result = run_cli("check", seed_paths["001"], "--select", "NOPE123")
    assert result.returncode == 2
    assert "NOPE123" in result.stderr
    no_traceback(result)


def test_usage_errors(run_cli, seed_paths):
    for args in (("check",), ("check", seed_paths["000"], "--fail-on", "fatal"), ("bogus-command",), ()):
        result = run_cli(*args)
        assert result.returncode == 2, args
        no_traceback(result)


def test_report_file(run_cli, seed_paths, tmp_path):
    report = tmp_path / "report.jsonl"
    result = run_cli("check", seed_paths["001"], seed_paths["003"], "--report", report)
    assert result.returncode == 1
    rows = jsonl(report.read_text(encoding="utf-8"))
    assert [os.path.basename(r["path"]) for r in rows] == [SEED_NAMES["001"], SEED_NAMES["003"]]
    assert all(set(r) == RESULT_KEYS for r in rows)
    # stdout stays in text format
    assert FINDING_LINE.match(result.stdout.splitlines()[0])


def test_clean_report_file(run_cli, seed_paths, tmp_path):
    report = tmp_path / "clean-report.jsonl"
    result = run_cli("clean", seed_paths["001"], "--report", report)
    assert result.returncode == 0
    [row] = jsonl(report.read_text(encoding="utf-8"))
    assert row["score_after"] == cleaned_seed("001").score_after
    assert result.stdout == cleaned_seed("001").text


def test_reports_hold_every_input_that_could_not_be_read(run_cli, seed_paths, tmp_path):
    """--format json and --report FILE.jsonl have one object per input: those
    that could not be read (missing, binary, undecodable; a record that is not
    JSON) carry "error" saying why. They were left out, said only on stderr,
    so a program reading the report took a failed batch for a clean one."""
    image = tmp_path / "photo.txt"
    image.write_bytes(PNG)
    undecodable = tmp_path / "latin1.txt"
    undecodable.write_bytes("Comparte este artículo\n".encode("cp1252") + bytes(range(0x80, 0x100)))
    records = tmp_path / "crawl.jsonl"
    records.write_text('{"text": "The council met on Monday."}\n{not json\n', encoding="utf-8")
    missing = tmp_path / "nope.txt"
    inputs = (seed_paths["003"], missing, image, undecodable, records)
    as_json, checked, cleaned = run_cli.many([
        ("check", *inputs, "--format", "json"),
        ("check", *inputs, "--report", tmp_path / "check.jsonl"),
        ("clean", *inputs, "--output-dir", tmp_path / "out", "--report", tmp_path / "clean.jsonl"),
    ])
    for result in (as_json, checked, cleaned):
        no_traceback(result)
        assert result.returncode == 2, result
    expected = {str(missing): "no such file or directory", str(image): "binary file (NUL bytes)",
                str(undecodable): "not valid UTF-8 at byte 17", f"{records}#1": "not JSON"}
    for objects in (json.loads(as_json.stdout), jsonl((tmp_path / "check.jsonl").read_text(encoding="utf-8")),
                    jsonl((tmp_path / "clean.jsonl").read_text(encoding="utf-8"))):
        assert len(objects) == 6  # 2 checked (a file, a record), 4 not, each once
        failures = {o["path"]: o for o in objects if "error" in o}
        assert sorted(failures) == sorted(expected)
        for path, why in expected.items():
            assert failures[path]["error"].startswith(f"{path}: {why}"), failures[path]
            assert failures[path]["skipped"] is False
        assert {o["path"] for o in objects if "error" not in o} == {str(seed_paths["003"]), f"{records}#0"}


def test_jobs_gives_same_output(folder_runs):
    one, two = folder_runs["jsonl"], folder_runs["jsonl-jobs2"]
    assert one.stdout == two.stdout
    assert one.returncode == two.returncode == 1


# --------------------------------------------------------------------------- clean
def test_clean_to_stdout(run_cli, seed_paths):
    text = read_seed("001")
    result = run_cli("clean", seed_paths["001"])
    assert result.returncode == 0, result
    out = result.stdout
    assert out == cleaned_seed("001").text
    lines = physical_lines(text)
    for gone in ("🔗 Comparte este artÃculo", "RELATED:", "Author: HGV", "Source: Agencias",
                 "January 16, 2026 Hour: 3:59 pm"):
        assert gone not in out
    kept = physical_lines(out)
    for n in (1, 2, 6, 7, 10, 11, 12, 13):
        assert lines[n - 1] in kept


def test_clean_stdin_to_stdout(run_cli):
    result = run_cli("clean", "-", input="Comparte este artÃculo\r\nhello\r\n", cwd=None)
    assert result.returncode == 0
    assert result.stdout_bytes == b"hello\r\n"


def test_clean_keeps_crlf(run_cli, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(read_seed("002").replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("clean", path)
    assert result.stdout_bytes == cleaned_seed("002").text.replace("\n", "\r\n").encode("utf-8")


def test_clean_several_inputs_need_a_target(run_cli, seed_paths):
    result = run_cli("clean", seed_paths["001"], seed_paths["003"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    no_traceback(result)


def test_clean_output_dir_mirrors_paths(run_cli, tmp_path):
    src = tmp_path / "in"
    copy_seeds(src / "a" / "b", ["001"])
    copy_seeds(src / "a", ["003"])
    copy_seeds(src, ["000"])
    out = tmp_path / "out"
    result = run_cli("clean", src, "--output-dir", out)
    assert result.returncode == 0, result
    no_traceback(result)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted([f"a/b/{SEED_NAMES['001']}", f"a/{SEED_NAMES['003']}", SEED_NAMES["000"]])
    assert (out / "a" / "b" / SEED_NAMES["001"]).read_bytes().decode() == cleaned_seed("001").text
    assert (out / "a" / SEED_NAMES["003"]).read_bytes().decode() == cleaned_seed("003").text
    assert (out / SEED_NAMES["000"]).read_bytes().decode() == read_seed("000")
    # the sources are untouched
    assert (src / "a" / "b" / SEED_NAMES["001"]).read_bytes().decode() == read_seed("001")


def test_clean_output_dir_refuses_to_write_two_inputs_to_one_output(run_cli, tmp_path):
    for folder in ("a", "b", "docs"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(SMALL_TEXT, encoding="utf-8")
    (tmp_path / "a" / "x.txt").write_text("Share this article\n" + SMALL_TEXT, encoding="utf-8")
    same_name, same_folder = run_cli.many([
        ("clean", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "--output-dir", tmp_path / "out"),
        ("clean", tmp_path / "docs", "--output-dir", tmp_path / "docs"),
    ])
    assert same_name.returncode == 2
    assert "would both be written to" in same_name.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was written
    assert same_folder.returncode == 2
    assert "over itself; use --in-place" in same_folder.stderr
    assert (tmp_path / "docs" / "x.txt").read_text(encoding="utf-8") == SMALL_TEXT


def test_clean_output_dir_inside_the_input_folder_is_not_read_back(run_cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_text("Share this article\n" + SMALL_TEXT, encoding="utf-8")
    first = run_cli("clean", docs, "--output-dir", docs / "clean")
    second = run_cli("clean", docs, "--output-dir", docs / "clean")  # the first run's output is in docs now
    assert first.returncode == second.returncode == 0
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert written == ["clean/x.txt", "x.txt"]
    # a new file gets the mode open() gives it (mkstemp's is 0o600)
    umask = os.umask(0o022)
    os.umask(umask)
    assert (docs / "clean" / "x.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_clean_output_dir_relative_to_each_path_argument(run_cli, tmp_path):
    work = run_cli.workdir
    (work / "x" / "deep").mkdir(parents=True)
    (work / "x" / "deep" / "a.txt").write_text("Share this article\n" + SMALL_TEXT)
    (work / "y").mkdir()
    (work / "y" / "b.txt").write_text(SMALL_TEXT)
    (work / "c.txt").write_text(SMALL_TEXT)
    absolute, relative = run_cli.many([
        ("clean", work / "x", work / "y", work / "c.txt", "--output-dir", tmp_path / "out"),
        ("clean", "x", "./y", "c.txt", "--output-dir", "cleaned"),
    ])
    for result, out in ((absolute, tmp_path / "out"), (relative, work / "cleaned")):
        assert result.returncode == 0, result
        written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        assert written == ["b.txt", "c.txt", "deep/a.txt"]
        assert (out / "deep" / "a.txt").read_text() == SMALL_TEXT


def test_clean_in_place(run_cli, tmp_path):
    folder = copy_seeds(tmp_path / "docs", ["001", "000"])
    changed, clean = folder / SEED_NAMES["001"], folder / SEED_NAMES["000"]
    os.chmod(changed, 0o640)
    old = 1_000_000_000
    for path in (changed, clean):
        os.utime(path, (old, old))
    result = run_cli("clean", folder, "--in-place")
    assert result.returncode == 0, result
    no_traceback(result)
    assert changed.read_bytes().decode() == cleaned_seed("001").text
    assert os.stat(changed).st_mode & 0o777 == 0o640
    assert clean.read_bytes().decode() == read_seed("000")
    assert os.stat(clean).st_mtime == old
    assert sorted(p.name for p in folder.iterdir()) == sorted([changed.name, clean.name])  # no temp files left


def test_clean_in_place_keeps_encoding(run_cli, tmp_path):
    text = "🔗 Comparte este artÃculo\nThe café reopened on Friday.\nAuthor: HGV\n"
    expected = "The café reopened on Friday.\n"
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_cli("clean", u16, bom, "--in-place")
    assert result.returncode == 0, result
    data = u16.read_bytes()
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert data.decode("utf-16") == expected.replace("\n", "\r\n")
    data = bom.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == expected


def test_clean_fail_under_uses_score_after(run_cli, seed_paths):
    # seed 001 scores 61.78 before and 100 after cleaning: clean passes where check fails
    passes, fails = run_cli.many([
        ("clean", seed_paths["001"], "--fail-under", "90"),
        ("clean", seed_paths["004"], "--fail-under", "99"),  # READ001 is report-only: 92.52 after
    ])
    assert passes.returncode == 0, passes
    assert passes.stdout == cleaned_seed("001").text
    assert fails.returncode == 1, fails


def test_in_place_refuses_stdin(run_cli):
    result = run_cli("clean", "-", "--in-place", input="hello\n")
    assert result.returncode == 2
    no_traceback(result)


# --------------------------------------------------------------------------- config discovery
def test_config_discovery_pyproject(run_cli, seed_paths):
    root = run_cli.workdir
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleanse]\nignore = ["boilerplate"]\n')
    sub = root / "a" / "b"
    sub.mkdir(parents=True)
    result, cleaned, isolated = run_cli.many([
        ("check", seed_paths["001"], "--format", "jsonl", {"cwd": sub}),
        ("clean", seed_paths["001"], {"cwd": sub}),
        ("check", seed_paths["001"], "--format", "jsonl", "--isolated", {"cwd": sub}),
    ])
    rules = {f["rule"] for f in jsonl(result.stdout)[0]["findings"]}
    assert rules and not any(r.startswith("BOI") for r in rules)
    assert "Author: HGV" in cleaned.stdout
    assert "artículo" in cleaned.stdout  # the mojibake is still repaired
    # --isolated ignores it
    assert any(f["rule"].startswith("BOI") for f in jsonl(isolated.stdout)[0]["findings"])


def test_a_pyproject_with_a_typo_in_its_cleanse_table_is_an_error(run_cli, tmp_path):
    # A reviewer's find: a duplicate key made the file invalid TOML, discovery
    # passed over it, and the run used the defaults with exit 0. A broken
    # pyproject that does not mention [tool.cleanse] is still passed over.
    doc = tmp_path / "a.txt"
    doc.write_text("Advertisement\nThe council met on Friday.\n")
    work = run_cli.workdir
    (work / "ours").mkdir()
    (work / "ours" / "pyproject.toml").write_text('[tool.cleanse]\nignore = ["ENC001"]\nignore = ["ENC002"]\n')
    (work / "theirs").mkdir()
    (work / "theirs" / "pyproject.toml").write_text('[project]\nname = "x"\nname = "y"\n')
    ours, theirs = run_cli.many([("check", doc, {"cwd": work / "ours"}), ("check", doc, {"cwd": work / "theirs"})])
    assert ours.returncode == 2 and "pyproject.toml is not valid TOML" in ours.stderr and "line 3" in ours.stderr
    assert theirs.returncode == 0, theirs


DEFECTIVE = "Author: HGV\nThe café reopened on Friday after the artÃculo was published.\n"


def test_config_discovery_cleanse_toml(run_cli, tmp_path):
    """.cleanse.toml (top-level keys or a [tool.cleanse] table); a pyproject without the table is passed over."""
    doc = tmp_path / "doc.txt"
    doc.write_text(DEFECTIVE)
    work = run_cli.workdir
    (work / "top").mkdir()
    (work / "top" / ".cleanse.toml").write_text('select = ["encoding"]\n')
    (work / "top" / "proj").mkdir()
    (work / "top" / "proj" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (work / "table").mkdir()
    (work / "table" / ".cleanse.toml").write_text('[tool.cleanse]\nignore = ["encoding"]\nfail-under = 99\n')
    top, nested, table = run_cli.many([
        ("check", doc, "--format", "jsonl", {"cwd": work / "top"}),
        ("check", doc, "--format", "jsonl", {"cwd": work / "top" / "proj"}),
        ("check", doc, "--format", "jsonl", {"cwd": work / "table"}),
    ])
    for result in (top, nested):
        assert {f["rule"] for f in jsonl(result.stdout)[0]["findings"]} == {"ENC001"}
        assert result.returncode == 1
    [row] = jsonl(table.stdout)
    assert {f["rule"] for f in row["findings"]} == {"BOI004"}
    assert table.returncode == 1  # no error finding, but the score is under 99


def test_explicit_config_file(run_cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Fri Jan 16 2026\n" + SMALL_TEXT)
    config = tmp_path / "elsewhere.toml"
    config.write_text('severity = { "date-line" = "error" }\n')
    default, configured = run_cli.many([("check", doc), ("check", doc, "--config", config)])
    assert default.returncode == 0
    assert "BOI008 [warning]" in default.stdout
    assert configured.returncode == 1
    assert "BOI008 [error]" in configured.stdout


@pytest.mark.parametrize("filename, content", [
    ("pyproject.toml", "[tool.cleanse]\nfail_undr = 3\n"),
    (".cleanse.toml", 'ignore = ["boilerplate"]\nboilerplate-pattern = ["^x$"]\n'),
])
def test_unknown_config_key(run_cli, seed_paths, filename, content):
    (run_cli.workdir / filename).write_text(content)
    bad_key = content.split("\n")[-2].split(" =")[0]
    result = run_cli("check", seed_paths["003"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert bad_key in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    no_traceback(result)


def test_bad_regex_in_config(run_cli, seed_paths):
    (run_cli.workdir / ".cleanse.toml").write_text('boilerplate-patterns = ["(oops"]\n')
    result = run_cli("check", seed_paths["003"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert "boilerplate-patterns" in result.stderr
    no_traceback(result)


def test_invalid_toml(run_cli, seed_paths):
    (run_cli.workdir / ".cleanse.toml").write_text('select = ["encoding"\n')
    result = run_cli("check", seed_paths["003"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert ".cleanse.toml" in result.stderr
    no_traceback(result)


# --------------------------------------------------------------------------- rules
def test_rules_lists_every_rule(run_cli):
    as_json = run_cli("rules", "--format", "json")
    assert as_json.returncode == 0
    rows = json.loads(as_json.stdout)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) >= 20
    for row in rows:
        assert {"id", "name", "category", "severity"} <= set(row)
    as_text = run_cli("rules")
    assert as_text.returncode == 0
    listed = [line.split()[0] for line in as_text.stdout.splitlines() if line.strip()]
    assert listed == ids
    for expected in ("ENC001", "ENC002", "BOI001", "BOI002", "BOI003", "BOI004", "BOI005", "BOI006", "BOI007",
                     "BOI008", "TRN002", "TRN003", "TRN004", "TRN005", "REP001", "READ001"):
        assert expected in ids


def test_rule_explains(run_cli):
    result = run_cli("rule", "ENC001")
    assert result.returncode == 0
    assert "ENC001" in result.stdout and "lossy-mojibake" in result.stdout
    assert "encoding" in result.stdout and "error" in result.stdout
    assert "artÃculo" in result.stdout
    by_name = run_cli("rule", "lossy-mojibake")
    assert by_name.stdout == result.stdout


def test_rule_unknown(run_cli):
    result = run_cli("rule", "NOPE999")
    assert result.returncode == 2
    assert "NOPE999" in result.stderr
    no_traceback(result)


# --------------------------------------------------------------------------- awkward inputs
def test_binary_file_named_is_an_error(run_cli, tmp_path, seed_paths):
    image = tmp_path / "photo.txt"
    image.write_bytes(PNG)
    text = tmp_path / "note.txt"
    text.write_text(SMALL_TEXT)
    result = run_cli("check", image, text, "--format", "jsonl")
    assert result.returncode == 2
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("cleanse: error:")]
    assert len(errors) == 1, result.stderr
    assert "unreadable" in result.stderr.split("cleanse: summary:")[1]  # counted in the closing summary
    photo, note = jsonl(result.stdout)
    assert photo == {"path": str(image), "error": f"{image}: binary file (NUL bytes), not text; skip it or convert "
                     "it to UTF-8 text", "skipped": False}  # the report says why, as stderr does
    assert os.path.basename(note["path"]) == "note.txt" and "score" in note
    no_traceback(result)


def test_binary_file_in_folder_is_skipped(run_cli, tmp_path):
    folder = copy_seeds(tmp_path / "docs", ["003"])
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "b.txt").write_text(SMALL_TEXT)
    result, cleaned = run_cli.many([("check", folder, "--format", "jsonl"), ("clean", folder, "--output-dir", tmp_path / "out")])
    assert result.returncode == 0, result
    rows = jsonl(result.stdout)
    assert sorted(os.path.basename(r["path"]) for r in rows if "error" not in r) == sorted(["b.txt", SEED_NAMES["003"]])
    [photo] = [r for r in rows if "error" in r]
    assert photo["skipped"] is True and "binary file" in photo["error"]
    no_traceback(result)
    assert cleaned.returncode == 0, cleaned
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["b.txt", SEED_NAMES["003"]])
    assert (folder / "photo.txt").read_bytes() == PNG


def test_invalid_utf8(run_cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    # Windows-1252 text followed by every high byte: no single encoding reads it
    # cleanly (plain Windows-1252 files are detected; tests/test_inputs.py).
    data = "Comparte este artículo\nAuthor: HGV\n".encode("cp1252") + bytes(range(0x80, 0x100)) * 2
    bad.write_bytes(data)
    before = os.stat(bad).st_mtime_ns
    for args in (("check", bad), ("clean", bad, "--in-place"), ("clean", bad)):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result)
        assert "latin1.txt" in result.stderr and "UTF-8" in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2  # the error (+ a summary line for --in-place)
        no_traceback(result)
    assert bad.read_bytes() == data
    assert os.stat(bad).st_mtime_ns == before


def test_empty_file(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("check", empty, "--format", "jsonl")
    assert result.returncode == 0, result
    [row] = jsonl(result.stdout)
    assert row["findings"] == [] and row["score"] == 100
    cleaned = run_cli("clean", empty)
    assert cleaned.returncode == 0 and cleaned.stdout_bytes == b""
    in_place = run_cli("clean", empty, "--in-place")
    assert in_place.returncode == 0 and empty.read_bytes() == b""


def test_folder_include_and_exclude(run_cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(SMALL_TEXT)
    (folder / "notes.json").write_text('{"a": 1}')
    git = folder / ".git"
    git.mkdir()
    (git / "x.txt").write_text("Share this article\n")
    result = run_cli("check", folder, "--format", "jsonl")
    assert [os.path.basename(r["path"]) for r in jsonl(result.stdout)] == ["a.md"]


def test_force_exclude_applies_exclude_to_named_paths(run_cli, tmp_path):
    """A named file was always checked, whatever `exclude` said, and
    pre-commit names every staged file: `exclude = ["drafts/*"]` kept no draft
    out of the hooks. --force-exclude (ruff's flag) applies exclude to named
    paths too, matched from the configuration's folder; without it they are
    checked as before."""
    project = tmp_path / "project"
    (project / "drafts" / "sub").mkdir(parents=True)
    (project / "node_modules" / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.cleanse]\nexclude = ["node_modules", "drafts/*"]\n')
    named = ("drafts/a.md", "drafts/sub/b.md", "node_modules/pkg/c.md", "ok.md")
    for name in named:
        (project / name).write_text("Comparte este artÃculo\n", encoding="utf-8")
    forced, plain, folder, from_below = run_cli.many([
        ("check", *named, "--force-exclude", "--format", "jsonl", "--verbose", {"cwd": project}),
        ("check", *named, "--format", "jsonl", {"cwd": project}),
        ("check", "drafts", "--force-exclude", {"cwd": project}),
        ("check", "a.md", "--force-exclude", {"cwd": project / "drafts"}),
    ])
    for result in (forced, plain, folder, from_below):
        no_traceback(result)
    assert [r["path"] for r in jsonl(forced.stdout)] == ["ok.md"]
    assert forced.returncode == 1  # ok.md's mojibake
    assert "cleanse: skipped drafts/a.md: excluded (exclude = [node_modules, drafts/*], --force-exclude)" \
        in forced.stderr.splitlines()
    assert [r["path"] for r in jsonl(plain.stdout)] == list(named)
    assert plain.returncode == 1
    assert folder.returncode == 0 and folder.stdout == ""  # its files, matched from the project's folder
    assert from_below.returncode == 0 and from_below.stdout == ""


def test_language_codes_are_checked(run_cli, seed_paths, tmp_path):
    """`--language english` and `languages = ["english"]` were taken as codes:
    every English document got TRN005 "document is in English, expected
    english". A value that is not a language code is a usage error naming
    it, with the code when it is a language's name; a region reads as its
    language (en-GB is en)."""
    config = tmp_path / "conf.toml"
    config.write_text('languages = ["English"]\n', encoding="utf-8")
    seed = seed_paths["003"]  # English
    name, unknown, in_config, region = run_cli.many([
        ("check", seed, "--language", "english"),
        ("check", seed, "--language", "en,xx"),
        ("check", seed, "--config", config),
        ("check", seed, "--language", "en-GB", "--select", "TRN005", "--format", "jsonl"),
    ])
    for result in (name, unknown, in_config):
        no_traceback(result)
        assert result.returncode == 2 and result.stdout == "", result
    assert ("argument --language: 'english' is not a language code: an ISO 639-1 code (two letters, such as en "
            "or es) or one the language identifier answers (such as ceb or ast), optionally with a region: pt-BR; "
            "did you mean 'en' (English)?") in name.stderr
    assert "argument --language: 'xx' is not a language code" in unknown.stderr
    assert "did you mean" not in unknown.stderr
    assert (f"cleanse: error: languages in {config}: 'English' is not a language code"
            in in_config.stderr and "did you mean 'en' (English)?" in in_config.stderr)
    assert region.returncode == 0 and jsonl(region.stdout)[0]["findings"] == []


def test_language_codes_in_the_library():
    import cleanse
    from cleanse.language import language_code

    with pytest.raises(cleanse.ConfigError, match="languages: 'english' is not a language code"):
        cleanse.clean("Text.", {"languages": ["english"]})
    assert cleanse.Config(languages=("pt-BR", "PT", "zh-Hant", "es-419", "sh")).languages == ("pt", "zh", "es", "sh")
    with pytest.raises(ValueError, match="'iw' is a withdrawn ISO 639-1 code; use 'he' \\(Hebrew\\)"):
        language_code("iw")
    with pytest.raises(ValueError, match="did you mean 'es' \\(Spanish\\)"):
        language_code("spanish")


CEBUANO = ("Ang Sugbo usa ka lalawigan sa Pilipinas nga nahimutang sa rehiyon sa Sentral Kabisay-an. Ang kapital "
           "niini mao ang Dakbayan sa Sugbo, ang labing karaan nga dakbayan sa nasod. Daghang mga turista ang moadto "
           "dinhi matag tuig aron motan-aw sa mga baybayon.\n")


def test_languages_the_identifier_answers_are_codes_too(run_cli, tmp_path):
    """`--language ceb` and `languages = ["ceb"]` were refused as "not an ISO
    639-1 language code", though fastText's lid.176 answers ceb (Cebuano), war,
    ast, als, arz, azb, ckb, min... for languages that have no ISO 639-1 code.
    Every code it can answer is taken, read from the model's own labels."""
    doc = tmp_path / "sugbo.txt"
    doc.write_text(CEBUANO, encoding="utf-8")
    config = tmp_path / "conf.toml"
    config.write_text('languages = ["ceb", "war"]\n', encoding="utf-8")
    flag, in_config, other = run_cli.many([
        ("check", doc, "--language", "ceb", "--select", "TRN005", "--format", "jsonl", "--isolated"),
        ("check", doc, "--config", config, "--select", "TRN005", "--format", "jsonl"),
        ("check", doc, "--language", "en", "--select", "TRN005", "--format", "jsonl", "--isolated"),
    ])
    for result in (flag, in_config):
        assert result.returncode == 0, result
        [row] = jsonl(result.stdout)
        assert row["language"] == "ceb" and row["findings"] == []  # in the language expected
    assert [f["rule"] for f in jsonl(other.stdout)[0]["findings"]] == ["TRN005"]


def test_the_identifiers_codes_are_read_from_its_model():
    import cleanse
    from cleanse.language import ISO_639_1, FastTextBackend, identifier_codes, language_code

    codes = identifier_codes()
    assert len(codes) == 176  # lid.176's labels
    assert {"ceb", "war", "ast", "als", "arz", "azb", "ckb", "min", "yue"} <= codes - ISO_639_1
    answers = FastTextBackend()._model().f.predict(CEBUANO.strip(), 176, 0.0, "strict")
    assert {label.removeprefix("__label__") for _, label in answers} <= codes  # all it answers is taken
    assert cleanse.Config(languages=("ceb", "AST-ES", "war_PH", "en")).languages == ("ceb", "ast", "war", "en")
    for withdrawn, new in (("iw", "'he' \\(Hebrew\\)"), ("in", "'id' \\(Indonesian\\)")):
        with pytest.raises(ValueError, match=f"'{withdrawn}' is a withdrawn ISO 639-1 code; use {new}"):
            language_code(withdrawn)
    with pytest.raises(ValueError, match="'eng' is an ISO 639-2 code; use 'en'"):
        language_code("eng")  # English is en, the code the identifier answers


def test_three_letter_codes_of_two_letter_languages_name_the_two_letters(capsys):
    """`--language eng` was refused as "not a language code: an ISO 639-1
    code (two letters, such as en or es)...", with no word of en. A
    three-letter ISO 639-2 code (terminology or bibliographic) or ISO 639-3
    code of a language that has a two-letter code names that code; those the
    identifier answers itself (ceb, war, ast: no two-letter code) are taken."""
    from cleanse import cli
    from cleanse.language import ISO_639_1, identifier_codes, language_code

    status = cli.main(["check", "-", "--language", "eng"])
    assert status == 2
    assert "argument --language: 'eng' is an ISO 639-2 code; use 'en' (English)" in capsys.readouterr().err
    for three, two in (("spa", "'es' \\(Spanish\\)"), ("fre", "'fr' \\(French\\)"), ("fra", "'fr'"),
                       ("ger", "'de' \\(German\\)"), ("deu", "'de'"), ("por", "'pt'"), ("rus", "'ru'"),
                       ("zho", "'zh' \\(Chinese\\)"), ("chi", "'zh'"), ("ZHO-tw", "'zh'"), ("kir", "'ky' \\(Kirghiz\\)")):
        with pytest.raises(ValueError, match=f"is an ISO 639-2 code; use {two}"):
            language_code(three)
    with pytest.raises(ValueError, match="'hbs' is an ISO 639-3 code; use 'sh' \\(Serbo-Croatian\\)"):
        language_code("hbs")
    from cleanse.language import three_letter_codes

    table = three_letter_codes()
    assert {two for two, _ in table.values()} == ISO_639_1  # every two-letter code has its three letters
    assert len(table) >= 204  # 184 ISO 639-2/T codes, 20 bibliographic ones, and hbs
    assert not set(table) & identifier_codes()
    assert [language_code(code) for code in ("ceb", "war", "ast", "en")] == ["ceb", "war", "ast", "en"]


def test_python_dash_m_and_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert "cleanse" in result.stdout


def test_clean_stdin_select_encoding(run_cli):
    # printf 'Comparte este artÃculo\n' | cleanse clean --select encoding -
    result = run_cli("clean", "--select", "encoding", "-", input="Comparte este artÃculo\n")
    assert result.returncode == 0, result
    assert result.stdout_bytes == "Comparte este artículo\n".encode()


def test_language_flag_and_quiet(run_cli):
    result = run_cli("check", "-", "--language", "de", "--quiet", input=SMALL_TEXT)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and FINDING_LINE.match(lines[0])
    assert " TRN005 [warning] " in lines[0]


def test_flags_combine_with_config(run_cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(DEFECTIVE)
    (run_cli.workdir / ".cleanse.toml").write_text('select = ["encoding"]\n')
    extended, replaced = run_cli.many([
        ("check", doc, "--format", "jsonl", "--extend-select", "byline"),
        ("check", doc, "--format", "jsonl", "--select", "boilerplate"),
    ])
    assert {f["rule"] for f in jsonl(extended.stdout)[0]["findings"]} == {"ENC001", "BOI004"}
    assert {f["rule"] for f in jsonl(replaced.stdout)[0]["findings"]} == {"BOI004"}


def test_include_and_exclude_from_config(run_cli, tmp_path):
    folder = tmp_path / "docs"
    for name in ("drafts/a.txt", "keep/b.txt", "c.md", "d.rst"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(SMALL_TEXT)
    (run_cli.workdir / ".cleanse.toml").write_text('exclude = ["drafts/*"]\ninclude = ["*.txt"]\n')
    result = run_cli("check", folder, "--format", "jsonl")
    assert result.returncode == 0, result
    assert [os.path.relpath(r["path"], folder) for r in jsonl(result.stdout)] == [os.path.join("keep", "b.txt")]


def test_rules_markdown_matches_docs(run_cli):
    from .conftest import ROOT

    result = run_cli("rules", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_c_locale_output_is_utf8(run_cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("🔗 Comparte este artÃculo\n" + SMALL_TEXT, encoding="utf-8")
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None, "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    checked, cleaned = run_cli.many([("check", doc, {"env": c_locale}), ("clean", doc, {"env": c_locale})])
    assert checked.returncode == 1, checked
    assert "'🔗 Comparte este artículo'" in checked.stdout
    no_traceback(checked)
    assert cleaned.returncode == 0, cleaned
    assert cleaned.stdout == SMALL_TEXT


# --------------------------------------------------------------------------- rules as documentation
def _rules_and_docs():
    from cleanse import detectors  # noqa: F401
    from cleanse.report.rules_doc import rule_doc
    from cleanse.rules import REGISTRY

    return [(rule, rule_doc(rule.id)) for rule in REGISTRY]


def test_every_rule_documents_what_it_leaves_alone():
    import cleanse

    for rule, doc in _rules_and_docs():
        assert rule.leaves.strip(), f"{rule.id}: add a `leaves` example to cleanse/data/rule_docs.toml"
        result = cleanse.clean(rule.leaves, config=doc.get("config"))
        flagged = [f for f in result.findings if f.rule == rule.id]
        assert not flagged, f"{rule.id} flags its own 'leaves' example {rule.leaves!r}: {flagged[0].message}"


def test_rule_shows_flags_leaves_and_fix(run_cli):
    result, listed, close = run_cli.many([("rule", "BOI004"), ("rules", "--format", "json"), ("rule", "ENC01")])
    assert result.returncode == 0
    out = result.stdout
    assert "Flags:\n    Author: HGV" in out
    assert "Leaves alone:\n    By the end of the year, prices had doubled." in out
    assert "fix:      removes the line" in out
    assert "cleanse: ignore[BOI004]" in out
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["BOI004"]["leaves"] == "By the end of the year, prices had doubled."
    assert all(row["leaves"] and row["rationale"] and row["fix"] for row in rows.values())
    assert close.returncode == 2 and "did you mean" in close.stderr and "ENC001" in close.stderr


def test_reports_carry_readability_figures(run_cli, tmp_path):
    """Text output skips textstat (its dictionary costs a second per process,
    and text shows no figures); every output that carries metrics has them."""
    path = str(seed_path("003"))
    report = tmp_path / "r.jsonl"
    run_cli("check", path, "--report", str(report))
    assert "flesch_reading_ease" in json.loads(report.read_text(encoding="utf-8"))["metrics"]["readability"]
    out = run_cli("check", path, "--format", "jsonl")
    assert "flesch_reading_ease" in json.loads(out.stdout.splitlines()[0])["metrics"]["readability"]
