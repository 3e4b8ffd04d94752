"""Record files (JSONL, JSONL.gz, Parquet) through the CLI and the API: fields
kept, text cleaned, results added, bad records passed through, output the same
whatever --jobs, and a run killed halfway resumed to exactly the output of an
uninterrupted run."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cleanse
from cleanse.records import PARTIAL, PARTS

from .conftest import SEED_IDS, no_traceback, read_seed

CLEAN_DIR = Path(__file__).parent / "data" / "clean"


def make_records(count: int) -> list[dict]:
    """Records of real text: the seeds and the multilingual samples, some with a
    share line and mojibake added, each with an id and an extra field."""
    texts = [read_seed(key) for key in SEED_IDS] + [p.read_text(encoding="utf-8") for p in sorted(CLEAN_DIR.glob("*.txt"))]
    records = []
    for i in range(count):
        text = texts[i % len(texts)]
        if i % 3 == 0:
            text = "Comparte este artÃculo\n" + text
        if i % 4 == 0:
            text = text + "\nShare this article\n"
        records.append({"id": f"doc-{i:04d}", "source": f"site-{i % 7}", "text": text})
    return records


def write_jsonl(path: Path, rows: list[dict], extra_lines: tuple[str, ...] = ()) -> None:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_jsonl_records_keep_fields_and_gain_results(run_cli, tmp_path):
    rows = make_records(12)
    rows.insert(3, {"id": "no-text", "source": "x", "body": "the text field is missing"})
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, rows, extra_lines=("{not json", ""))
    result = run_cli("clean", source, "--output-dir", tmp_path / "out", "--id-field", "id", "--jobs", "1")
    no_traceback(result)
    assert result.returncode == 2, result  # two records could not be cleaned: reported, passed through
    assert "crawl.jsonl#no-text: field 'text' is missing" in result.stderr
    assert "crawl.jsonl#13: not JSON" in result.stderr
    out_lines = (tmp_path / "out" / "crawl.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out_lines) == len(rows) + 2  # one output line per input line, blank one included
    assert out_lines[-2:] == ["{not json", ""]
    out = [json.loads(line) for line in out_lines[:-2]]
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert out[3] == {**rows[3], "error": "field 'text' is missing, not text"}
    first = out[0]
    assert list(first)[:3] == ["id", "source", "text"]  # input fields first, in their order
    assert first["text"] == cleanse.clean(rows[0]["text"]).text
    assert not first["text"].startswith("Comparte")
    assert {"score", "score_after", "language", "findings"} <= set(first)
    assert "metrics" not in first
    assert first["score"] < first["score_after"] == 100.0
    assert {f["rule"] for f in first["findings"]} >= {"BOI002", "ENC001"}


def test_formats_agree_and_columns_select(run_cli, tmp_path):
    rows = make_records(10)
    write_jsonl(tmp_path / "a.jsonl", rows)
    write_jsonl(tmp_path / "b.jsonl.gz", rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    out = tmp_path / "out"
    result, narrow = run_cli.many([
        ("clean", tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz", tmp_path / "c.parquet", "--output-dir", out),
        ("clean", tmp_path / "c.parquet", "--columns", "id,text,score,metrics"),
    ])
    assert result.returncode == 0, result
    plain, compressed = read_jsonl(out / "a.jsonl"), read_jsonl(out / "b.jsonl.gz")
    table = pq.read_table(out / "c.parquet")
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("findings").type.value_type.field("rule").type == pa.string()
    parquet_rows = table.to_pylist()
    assert plain == compressed
    for a, c in zip(plain, parquet_rows, strict=True):
        assert (a["id"], a["text"], a["score"], a["score_after"], a["language"]) == \
            (c["id"], c["text"], c["score"], c["score_after"], c["language"])
        assert [f["rule"] for f in a["findings"]] == [f["rule"] for f in c["findings"]]
    # --columns: only those, in that order; parquet to stdout comes out as JSONL
    assert narrow.returncode == 0, narrow
    chosen = [json.loads(line) for line in narrow.stdout.splitlines()]
    assert [list(r) for r in chosen] == [["id", "text", "score", "metrics"]] * len(rows)
    assert chosen[0]["metrics"]["chars"] == len(rows[0]["text"])
    assert "flesch_reading_ease" in chosen[0]["metrics"]["readability"]  # asked for, so computed


def test_check_names_each_record(run_cli, tmp_path):
    source = tmp_path / "batch.jsonl.gz"
    write_jsonl(source, make_records(4))
    result, concise = run_cli.many([
        ("check", source, "--id-field", "id", "--format", "jsonl"),
        ("check", source, "--format", "concise"),
    ])
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["path"] for o in objects] == [f"{source}#doc-{i:04d}" for i in range(4)]
    assert result.returncode == 1  # doc-0000 carries ENC001 mojibake, an error
    assert f"{source}#0:1:18: ENC001" in concise.stdout  # no --id-field: the record's index
    assert "summary: 4 records" in result.stderr


def test_records_are_the_same_whatever_jobs(run_cli, tmp_path):
    source = tmp_path / "many.jsonl"
    write_jsonl(source, make_records(150))  # three batches and more: several in flight at once
    one, two = run_cli.many([
        ("clean", source, "--output-dir", tmp_path / "one", "--jobs", "1"),
        ("clean", source, "--output-dir", tmp_path / "two", "--jobs", "2"),
    ])
    assert one.returncode == two.returncode == 0
    assert (tmp_path / "one" / "many.jsonl").read_bytes() == (tmp_path / "two" / "many.jsonl").read_bytes()


def _cli(*args: object, cwd: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleanse", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, cwd=cwd)


def _checkpointed(checkpoint: Path, records: int, run: subprocess.Popen) -> None:
    """Wait until ``checkpoint`` says ``records`` records are written (or the run ends)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        try:
            if json.loads(checkpoint.read_text()).get("records", 0) >= records:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.05)


@pytest.mark.parametrize("name", ["killed.jsonl.gz", "killed.jsonl", "killed.parquet"])
def test_killed_run_resumes_to_the_same_bytes(tmp_path, name):
    """A real SIGKILL halfway through: --resume continues from the last
    checkpoint and the output is byte for byte the uninterrupted run's."""
    rows = [{"id": i, "text": f"The council met on Monday to vote on budget line {i}.\nShare this article\n"}
            for i in range(1500)]
    source = tmp_path / name
    parquet = name.endswith(".parquet")
    if parquet:
        pq.write_table(pa.Table.from_pylist(rows), source)
    else:
        write_jsonl(source, rows)
    reference = tmp_path / "reference"
    full = _cli("clean", source, "--output-dir", reference, "--checkpoint-every", "50", "--jobs", "1",
                "--report", tmp_path / "reference-report.jsonl")
    killed = tmp_path / "killed"
    report = tmp_path / "killed-report.jsonl"
    run = _cli("clean", source, "--output-dir", killed, "--checkpoint-every", "50", "--jobs", "1", "--report", report)
    checkpoint = killed / (name + ".cleanse-checkpoint")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            state = json.loads(checkpoint.read_text())
        except (OSError, ValueError):
            state = {}
        if state.get("records", 0) >= 300:
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert not (killed / name).exists(), "killed before the end: no complete output yet"
    assert (killed / (name + (PARTS if parquet else PARTIAL))).exists()
    assert not report.exists() and len(Path(f"{report}.part").read_bytes().splitlines()) >= 300  # whole lines
    resumed = _cli("clean", source, "--output-dir", killed, "--checkpoint-every", "50", "--jobs", "1", "--resume",
                   "--report", report)
    out, err = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, err
    assert "resuming after record" in err.decode()
    full.communicate(timeout=180)
    assert full.returncode == 0
    assert (killed / name).read_bytes() == (reference / name).read_bytes()
    assert report.read_bytes() == (tmp_path / "reference-report.jsonl").read_bytes()  # the killed run's lines kept
    assert not (killed / (name + PARTIAL)).exists() and not checkpoint.exists()
    assert not (killed / (name + PARTS)).exists()
    output = pq.read_table(killed / name).to_pylist() if parquet else read_jsonl(killed / name)
    assert [r["id"] for r in output] == list(range(len(rows)))


def test_a_killed_runs_html_report_is_whole_after_resume(tmp_path):
    # --html covered only what its own run did: a run SIGKILLed inside a
    # record file and resumed wrote a page of d.txt and the records after
    # the checkpoint, its totals and chart theirs alone, without a word.
    # With no --report, a clean --output-dir run now keeps the lines a
    # report would hold in a journal beside the page (r.html.jsonl.part);
    # --resume reads the earlier run's back into the page (a text file's
    # text read again from the input, for its view), and the journal goes
    # when the page is written. Same command line, run from another folder:
    # the same page, byte for byte.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Author: HGV\nThe council met on Monday.\nShare this article\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 a binary file: skipped, by every run")
    write_jsonl(folder / "c.jsonl", _rows(4000))
    (folder / "d.txt").write_text("The budget passed.\nShare this article\n", encoding="utf-8")
    args = ("clean", "../in", "--include", "*.txt,*.jsonl", "--output-dir", "out", "--html", "r.html",
            "--checkpoint-every", "50", "--jobs", "1", "--isolated", "--resume")
    reference, cut = tmp_path / "reference", tmp_path / "cut"
    reference.mkdir()
    cut.mkdir()
    full = _cli(*args, cwd=reference)
    run = _cli(*args, cwd=cut)
    _checkpointed(cut / "out" / "c.jsonl.cleanse-checkpoint", 300, run)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert (cut / "out" / "a.txt").exists() and not (cut / "out" / "c.jsonl").exists(), "killed inside c.jsonl"
    assert not (cut / "r.html").exists()
    kept = (cut / "r.html.jsonl.part").read_bytes().splitlines()
    assert json.loads(kept[0])["path"] == "../in/a.txt" and len(kept) >= 1 + 300
    resumed = _cli(*args, cwd=cut)
    _, err = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, err
    assert "--resume: 1 input already done" in err.decode() and "resuming after record" in err.decode()
    full.communicate(timeout=180)
    assert full.returncode == 0
    page = (cut / "r.html").read_text(encoding="utf-8")
    assert page == (reference / "r.html").read_text(encoding="utf-8")
    assert page.count("<tr data-target=") == 1 + 4000 + 1  # a.txt, c.jsonl's records, d.txt
    assert '<details class="doc" id="f0"' in page and "Author: HGV" in page  # a.txt's view, its text read again
    assert sorted(p.name for p in cut.iterdir() if not p.name.startswith(".")) == ["out", "r.html"]  # no journal


@pytest.mark.parametrize("report", [False, True], ids=["journal", "report"])
def test_a_resumed_runs_html_report_is_the_page_of_an_uninterrupted_run(tmp_path, monkeypatch, capsys, report):
    # The same, killed twice (the second time while resumed) and resumed,
    # with --report too: the page then reads the earlier run's lines from the
    # report, and keeps no journal of its own.
    from cleanse import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Author: HGV\nThe council met on Monday.\nShare this article\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 a binary file: skipped, by every run")
    lines = [json.dumps(row) for row in _rows(300)]
    lines[10:10] = [""]  # a blank line: a record with no report line
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "d.txt").write_text("The budget passed.\nShare this article\n", encoding="utf-8")
    out, page = tmp_path / "out", tmp_path / "r.html"
    extra = ("--report", str(tmp_path / "r.jsonl")) if report else ()

    def run() -> int:
        return cli.main(["clean", str(folder), "--include", "*.txt,*.jsonl", "--id-field", "id", "--output-dir",
                         str(out), "--html", str(page), "--checkpoint-every", "100", "--isolated", "--jobs", "1",
                         "--quiet", "--resume", *extra])

    assert run() == 0
    whole = page.read_bytes()
    for path in tmp_path.iterdir():
        if path != folder:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    killed_at = _killed_at_record(monkeypatch)
    for kill in (150, 250):  # after the checkpoint at record 100, then (resumed) at 200
        killed_at[:] = [kill]
        assert run() == 130
        assert not page.exists()
    killed_at[:] = []
    assert run() == 0
    assert page.read_bytes() == whole
    assert sorted(os.listdir(tmp_path)) == ["in", "out", "r.html", *(["r.jsonl"] if report else [])]
    assert "warning" not in capsys.readouterr().err


def test_a_resumed_html_report_says_what_it_lacks(tmp_path, capsys):
    # An earlier run with neither --html nor --report left nothing to read
    # its findings from: the page says what it lacks, and so does stderr,
    # rather than passing for the whole run's.
    from cleanse import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday.\nShare this article\n", encoding="utf-8")
    write_jsonl(folder / "c.jsonl", _rows(30))
    out, page = tmp_path / "out", tmp_path / "r.html"
    assert cli.main(["clean", str(folder), "--include", "*.txt,*.jsonl", "--output-dir", str(out), "--isolated"]) == 0
    (out / "c.jsonl").unlink()  # c.jsonl is done again, a.txt is not
    capsys.readouterr()
    assert cli.main(["clean", str(folder), "--include", "*.txt,*.jsonl", "--output-dir", str(out), "--isolated",
                     "--html", str(page), "--resume"]) == 0
    assert [line for line in capsys.readouterr().err.splitlines() if "warning" in line] == [
        f"cleanse: warning: --resume: {page} lacks 1 input an earlier run did: no report of that run here holds "
        "their findings (it was run without --html or --report, or a full disk stopped its report)"]
    text = page.read_text(encoding="utf-8")
    assert ('<p class="lacks">This report lacks 1 input that an earlier run did, which this run went on from '
            "(--resume): no report of that run was there to read their findings from.</p>") in text
    assert text.count("<tr data-target=") == 30


def test_resume_skips_finished_files(run_cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, key in enumerate(SEED_IDS):
        (folder / f"{i}.txt").write_text(read_seed(key), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "0.txt").write_text("already cleaned by an earlier run\n", encoding="utf-8")
    rows = make_records(5)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    (out / ("t.parquet" + PARTIAL)).write_bytes(b"PAR1 half a file")  # killed while joining its parts: no footer
    first = run_cli("clean", folder, tmp_path / "t.parquet", "--output-dir", out, "--resume")
    assert first.returncode == 0, first
    assert "1 input already done" in first.stderr
    assert (out / "0.txt").read_text(encoding="utf-8") == "already cleaned by an earlier run\n"  # skipped
    assert (out / "1.txt").exists() and (out / "4.txt").exists()
    assert pq.read_table(out / "t.parquet").num_rows == 5
    assert not (out / ("t.parquet" + PARTIAL)).exists()
    again = run_cli("clean", folder, tmp_path / "t.parquet", "--output-dir", out, "--resume")
    assert "6 inputs already done" in again.stderr
    misuse = run_cli("clean", folder, "--in-place", "--resume")
    assert misuse.returncode == 2 and "--resume needs --output-dir" in misuse.stderr


def test_clean_records_streams_one_record_at_a_time():
    seen = []

    def source():
        for row in make_records(3):
            seen.append(row["id"])
            yield row
        raise AssertionError("read past what was asked for")

    stream = cleanse.clean_records(source())
    first = next(stream)
    assert seen == ["doc-0000"]  # nothing read ahead
    assert first["score_after"] == 100.0 and first["id"] == "doc-0000"


def test_folder_of_shards_with_include(run_cli, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "part-0.jsonl.gz", make_records(3))
    pq.write_table(pa.Table.from_pylist(make_records(2)), shards / "part-1.parquet")
    (shards / "notes.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    default, shards_only = run_cli.many([
        ("check", shards, "--format", "jsonl"),
        ("check", shards, "--include", "*.jsonl.gz,*.parquet", "--id-field", "id", "--format", "jsonl"),
    ])
    assert [Path(json.loads(line)["path"]).name for line in default.stdout.splitlines()] == ["notes.txt"]
    paths = [json.loads(line)["path"] for line in shards_only.stdout.splitlines()]
    assert paths == [f"{shards / 'part-0.jsonl.gz'}#doc-{i:04d}" for i in range(3)] + \
        [f"{shards / 'part-1.parquet'}#doc-{i:04d}" for i in range(2)]


def test_default_jobs_use_every_core_for_many_small_files(tmp_path):
    """--jobs defaults to the cores, except for a run too small to pay for
    starting workers; the size is estimated over all inputs, not the first few."""
    import argparse

    from cleanse.cli import _engine
    from cleanse.discover import Input
    from cleanse.engine import default_jobs

    small = []
    for i in range(300):  # 300 files of 2 KB: 600 KB in all, 128 KB in the first 64
        path = tmp_path / f"{i:03d}.txt"
        path.write_text("The council met on Monday. " * 75, encoding="utf-8")
        small.append(Input(str(path), str(tmp_path), False))
    args = argparse.Namespace(engine="local", jobs=None, scheduler=None)
    many = _engine(args, small)
    few = _engine(args, small[:3])
    try:
        assert many.workers == default_jobs()
        assert few.workers == 1  # a pre-commit run over three pages stays in one process
    finally:
        many.close()
        few.close()


def test_workers_send_back_only_the_output_the_writer_needs(tmp_path):
    # A JSONL writer gets each line serialized in the worker; a check, which
    # writes nothing, gets no output rows; the line is the row's line.
    from dataclasses import replace

    from cleanse.config import Config
    from cleanse.records import RecordOptions, _line, clean_batch, read_batches

    source = tmp_path / "in.jsonl"
    write_jsonl(source, make_records(4) + [{"id": "no-text"}], extra_lines=("{not json",))
    batch = next(read_batches(str(source), "jsonl"))
    options = RecordOptions(id_field="id")
    as_rows = clean_batch(batch, (Config(), options))[1]
    as_lines = clean_batch(batch, (Config(), replace(options, output="jsonl")))[1]
    as_nothing = clean_batch(batch, (Config(), replace(options, output=None)))[1]
    assert len(as_rows) == 6 and {o.error is None for o in as_rows} == {True, False}
    assert [_line(o) for o in as_lines] == [_line(o) for o in as_rows]
    assert all(o.row is None and o.raw is None and o.line is not None for o in as_lines)
    assert all(o.row is None and o.line is None for o in as_nothing)
    assert [o.result.score if o.result else None for o in as_nothing] == [o.result.score if o.result else None
                                                                          for o in as_rows]


def test_a_corrupt_parquet_file_does_not_stop_the_batch(run_cli, tmp_path):
    # One shard cut short (no footer) and one with garbled pages, next to a
    # good shard: each bad one is an error that names it, the good one is
    # cleaned, and the exit status says an input failed.
    shards = tmp_path / "shards"
    shards.mkdir()
    good = shards / "part-0.parquet"
    pq.write_table(pa.Table.from_pylist(make_records(40)), good, row_group_size=10)
    data = good.read_bytes()
    (shards / "part-1.parquet").write_bytes(data[:300])
    garbled = bytearray(data)
    garbled[len(data) // 4 : len(data) // 2] = b"\x55" * (len(data) // 2 - len(data) // 4)
    (shards / "part-2.parquet").write_bytes(bytes(garbled))
    out = tmp_path / "out"
    result = run_cli("clean", shards, "--include", "*.parquet", "--output-dir", out)
    no_traceback(result)
    assert result.returncode == 2
    assert "part-1.parquet: not a readable Parquet file" in result.stderr
    assert "part-2.parquet: unreadable after record" in result.stderr
    assert pq.read_table(out / "part-0.parquet").num_rows == 40
    assert not (out / "part-1.parquet").exists()


def test_a_parquet_file_damaged_part_way_keeps_its_rows_as_parts(run_cli, tmp_path):
    # Pages garbled in the file's last row groups: the rows before them are
    # cleaned and kept as checkpointed parts, which any Parquet reader opens
    # as one dataset, and --resume goes on from there (to the same damage).
    source = tmp_path / "late.parquet"
    pq.write_table(pa.Table.from_pylist(make_records(400)), source, row_group_size=50)
    group = pq.ParquetFile(source).metadata.row_group(6)  # garble its pages, not the footer
    first = min(group.column(c).data_page_offset for c in range(group.num_columns))
    data = bytearray(source.read_bytes())
    data[first : first + 64] = b"\x55" * 64
    source.write_bytes(bytes(data))
    out = tmp_path / "out"
    result = run_cli("clean", source, "--output-dir", out, "--checkpoint-every", "20")
    no_traceback(result)
    assert result.returncode == 2
    kept = out / ("late.parquet" + PARTS)
    assert f"kept in {kept}" in result.stderr
    rows = pq.read_table(kept).to_pylist()
    assert 100 <= len(rows) < 400 and not (out / "late.parquet").exists()
    assert [r["id"] for r in rows] == [f"doc-{i:04d}" for i in range(len(rows))]
    assert all("score" in r for r in rows)
    resumed = run_cli("clean", source, "--output-dir", out, "--checkpoint-every", "20", "--resume")
    assert resumed.returncode == 2
    assert f"late.parquet: resuming after record {len(rows)}" in resumed.stderr
    assert pq.read_table(kept).to_pylist() == rows


def readable_lines(path: Path) -> int:
    """Lines a gzip file cut short yields before its reader fails."""
    count = 0
    with gzip.open(path, "rb") as handle:
        try:
            for _ in handle:
                count += 1
        except EOFError:
            pass
    return count


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_gzip_cut_short_keeps_every_record_before_the_damage(run_cli, tmp_path, jobs):
    # A shard whose download stopped part-way. Its first few batches are in
    # flight to the workers when the reader fails; they were dropped at
    # --jobs 2 (832 of 1,139 records kept on a crawl shard) and must be
    # cleaned and kept like the rest, for resume to go on from the damage.
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "cut.jsonl.gz", make_records(400))
    data = (shards / "cut.jsonl.gz").read_bytes()
    (shards / "cut.jsonl.gz").write_bytes(data[: len(data) * 4 // 5])
    readable = readable_lines(shards / "cut.jsonl.gz")
    assert 64 * 2 < readable < 400  # several batches before the damage
    write_jsonl(shards / "whole.jsonl", make_records(5))
    out = tmp_path / "out"
    result = run_cli("clean", shards, "--include", "*.jsonl*", "--output-dir", out, "--jobs", jobs)
    no_traceback(result)
    assert result.returncode == 2
    partial = out / ("cut.jsonl.gz" + PARTIAL)
    assert (f"cut.jsonl.gz: unreadable after record {readable} (Compressed file ended before the end-of-stream "
            f"marker was reached); the {readable} records before it are cleaned and kept in ") in result.stderr
    assert str(partial) in result.stderr
    assert not (out / "cut.jsonl.gz").exists()  # a damaged input never gets an output that looks whole
    with gzip.open(partial, "rt", encoding="utf-8") as handle:
        kept = [json.loads(line) for line in handle]
    assert [r["id"] for r in kept] == [f"doc-{i:04d}" for i in range(readable)]
    assert all("score" in r for r in kept)
    assert len(read_jsonl(out / "whole.jsonl")) == 5
    assert "cleanse: 5 records written to 1 file" in result.stderr  # the partial output is not counted

    resumed = run_cli("clean", shards, "--include", "*.jsonl*", "--output-dir", out, "--jobs", jobs, "--resume")
    assert resumed.returncode == 2
    assert f"cut.jsonl.gz: resuming after record {readable}" in resumed.stderr
    with gzip.open(partial, "rt", encoding="utf-8") as handle:
        assert [json.loads(line) for line in handle] == kept

    checked = run_cli("check", shards / "cut.jsonl.gz", "--jobs", jobs)
    assert f"the {readable} records before it were checked" in checked.stderr


def test_a_gzip_damaged_at_its_start_leaves_no_output(run_cli, tmp_path):
    source = tmp_path / "cut.jsonl.gz"
    write_jsonl(source, make_records(20))
    source.write_bytes(source.read_bytes()[:40])
    out = tmp_path / "out"
    result = run_cli("clean", source, "--output-dir", out)
    assert result.returncode == 2
    assert "cut.jsonl.gz: unreadable after record 0" in result.stderr
    assert "nothing before it could be read, and nothing is written" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_one_good_record_among_bad_ones_gets_a_summary(run_cli, tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": 1, "text": "The council met on Monday to discuss the budget."}\nnot json\n'
                      '{"id": 3}\n', encoding="utf-8")
    result = run_cli("clean", source, "--output-dir", tmp_path / "out")
    assert result.returncode == 2
    assert "bad.jsonl#1: not JSON (Expecting value at column 1); kept as it was" in result.stderr
    assert "bad.jsonl#2: field 'text' is missing, not text; its fields kept, with an error field" in result.stderr
    assert "2 records passed through with errors" in result.stderr
    assert "failures (2):" in result.stderr
    assert (tmp_path / "out" / "bad.jsonl").read_text(encoding="utf-8").splitlines()[1:] == [
        "not json", '{"id": 3, "error": "field \'text\' is missing, not text"}']


def test_a_parquet_resume_needs_every_part_its_checkpoint_names(tmp_path):
    # A checkpoint whose parts are gone (deleted, or never written by a run
    # without --resume) is not taken: the output starts again, whole.
    from cleanse.records import CHECKPOINT, ParquetWriter, RecordOptions, RecordOutcome

    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": i, "text": f"row {i}"} for i in range(5)]), source)
    target = str(tmp_path / "out.parquet")
    identity = {"input": "in.parquet", "every": 2}

    def outcome(i: int) -> RecordOutcome:
        return RecordOutcome(i, str(i), {"id": i, "text": f"row {i}"})

    first = ParquetWriter(target, str(source), RecordOptions(), identity, resume=False, every=2)
    for i in range(5):
        first.write(outcome(i))
    first.abort()  # killed: two parts of two rows, the fifth row lost
    assert sorted(os.listdir(target + PARTS)) == ["00000000.parquet", "00000001.parquet"]
    assert json.loads(Path(target + CHECKPOINT).read_text())["records"] == 4
    os.unlink(os.path.join(target + PARTS, "00000001.parquet"))
    again = ParquetWriter(target, str(source), RecordOptions(), identity, resume=True, every=2)
    assert again.resumed_at == 0 and os.listdir(target + PARTS) == []
    for i in range(5):
        again.write(outcome(i))
    again.close()
    assert [r["id"] for r in pq.read_table(target).to_pylist()] == list(range(5))
    assert not os.path.exists(target + PARTS) and not os.path.exists(target + CHECKPOINT)
    resumed = ParquetWriter(target, str(source), RecordOptions(), identity, resume=True, every=2)
    assert resumed.resumed_at == 0  # nothing left to resume from a finished run
    resumed.discard()


def test_a_parquet_part_reaches_the_disk_before_its_checkpoint_names_it(tmp_path, monkeypatch):
    # A kill leaves the page cache to the kernel, but a power loss does not: a
    # checkpoint that names a part still in the cache would resume past rows
    # that were never stored. JsonlWriter fsyncs before each checkpoint; so
    # does ParquetWriter, for each part and for the finished file.
    from cleanse import records
    from cleanse.records import ParquetWriter, RecordOptions, RecordOutcome

    events: list[str] = []
    real_fsync, real_checkpoint = os.fsync, records._write_json_atomic

    def fsync(fd: int) -> None:
        events.append("fsync " + os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def checkpoint(path: str, value: dict) -> None:
        events.append("checkpoint")
        real_checkpoint(path, value)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(records, "_write_json_atomic", checkpoint)
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": i, "text": f"row {i}"} for i in range(3)]), source)
    target = str(tmp_path / "out.parquet")
    writer = ParquetWriter(target, str(source), RecordOptions(), {"every": 2}, resume=False, every=2)
    for i in range(3):
        writer.write(RecordOutcome(i, str(i), {"id": i, "text": f"row {i}"}))
    writer.close()
    parts = [e for e in events if e.startswith("fsync 0000") or e == "checkpoint"]
    assert parts == ["fsync 00000000.parquet.tmp", "checkpoint", "fsync 00000001.parquet.tmp", "checkpoint"]
    assert "fsync out.parquet" + PARTIAL in events
    assert [r["id"] for r in pq.read_table(target).to_pylist()] == [0, 1, 2]


def test_a_parquet_resume_starts_at_the_row_group_of_its_first_record(tmp_path, monkeypatch):
    # Resuming near the end of a large file must not read it from the start:
    # the row groups before the resume point are skipped, and the rows before
    # it in its own group are sliced off; indices stay those of the file.
    from cleanse.records import read_batches

    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": i, "text": f"row {i}"} for i in range(10)]), source, row_group_size=3)
    asked: list[list[int] | None] = []
    real = pq.ParquetFile.iter_batches

    def iter_batches(self, *args, **kwargs):
        asked.append(kwargs.get("row_groups"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", iter_batches)
    for skip in range(12):
        records = [r for batch in read_batches(str(source), "parquet", skip=skip, batch_records=2) for r in batch.records]
        assert [(r.index, r.fields["id"]) for r in records] == [(i, i) for i in range(skip, 10)]
    assert asked[7] == [2, 3]  # record 7 is in the third group (6, 7, 8)
    assert asked[10] == [] and asked[0] == [0, 1, 2, 3]


def _clean_in_process(capsys, *args: object) -> tuple[int, list[str]]:
    """``cleanse clean ARGS --isolated --jobs 1`` in this process: the exit
    status and the ``cleanse: error:`` lines and summary lines on stderr."""
    from cleanse import cli

    status = cli.main(["clean", *map(str, args), "--isolated", "--jobs", "1"])
    return status, capsys.readouterr().err.splitlines()


def test_lines_that_are_not_records_are_named_in_json_words(tmp_path, capsys):
    # Python's names ("a JSON NoneType", "list") and json's own messages that
    # end in "at" ("Invalid control character at at column 21") read badly to
    # someone looking at a JSONL file; a text field holding null is null, not
    # missing.
    source = tmp_path / "odd.jsonl"
    source.write_text('{"id": 0, "text": "The council met on Monday."}\nnull\n[1, 2]\n"a string"\n3.5\ntrue\n'
                      '{"id": 6, "text": null}\n{"id": 7, "text": 12}\n{"id": 8}\n{"id": 9, "text": "a\tb"}\n'
                      '{"id": 10, "text": "cut', encoding="utf-8")
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "out")
    assert status == 2
    assert [line for line in err if line.startswith("cleanse: error:")] == [f"cleanse: error: {source}#{n}: {why}" for n, why in [
        (1, "null, not a JSON object; kept as it was"),
        (2, "an array, not a JSON object; kept as it was"),
        (3, "a string, not a JSON object; kept as it was"),
        (4, "a number, not a JSON object; kept as it was"),
        (5, "a boolean, not a JSON object; kept as it was"),
        (6, "field 'text' is null, not text; its fields kept, with an error field"),
        (7, "field 'text' is a number, not text; its fields kept, with an error field"),
        (8, "field 'text' is missing, not text; its fields kept, with an error field"),
        (9, "not JSON (Invalid control character at column 21); kept as it was"),
        (10, "not JSON (Unterminated string starting at column 20); kept as it was"),
    ]]


def test_one_record_passed_through_is_one_record(tmp_path, capsys):
    source = tmp_path / "one.jsonl"
    source.write_text('{"id": 1, "text": "The council met on Monday."}\n{"id": 2}\n', encoding="utf-8")
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "out")
    assert status == 2
    assert any(line.endswith("; 1 record passed through with errors") for line in err), err


# --------------------------------------------------------------------------- a full disk under a record output
def _killed_at_record(monkeypatch) -> list[int]:
    """Patch JsonlWriter.write to stop the run, as a kill does, when a record
    output is about to write record ``killed_at[0]``; the list it returns is
    empty to let every write through (set it before each run)."""
    from cleanse.records import JsonlWriter

    real_write = JsonlWriter.write
    killed_at: list[int] = []

    def killed(self, outcome):
        if killed_at and self.records == killed_at[0]:
            raise KeyboardInterrupt  # as a kill: the run stops where it is
        real_write(self, outcome)

    monkeypatch.setattr(JsonlWriter, "write", killed)
    return killed_at


def _rows(count: int, start: int = 0) -> list[dict]:
    return [{"id": i, "text": f"The council met on Monday to vote on budget line {i}.\nShare this article\n"}
            for i in range(start, start + count)]


def test_the_progress_bar_ends_at_its_total_after_a_damaged_gzip(tmp_path, monkeypatch, capsys):
    # The bar counts bytes of text, a .jsonl.gz's as they come out of it. A
    # .jsonl.gz cut short stopped counting at its damage: the bar ended short
    # of its total and said "1/2 files" of a finished run. Every input now
    # counts its whole share and one file (a cut file's trailer is no ISIZE:
    # its text is estimated, and the total grows when it holds more).
    from cleanse import cli
    from cleanse.progress import Progress

    totals: list[int] = []
    real_init, real_grow = Progress.__init__, Progress.grow

    def started(self, enabled, total_bytes, *args, **kwargs):
        totals.append(total_bytes)
        real_init(self, enabled, total_bytes, *args, **kwargs)

    def grown(self, nbytes):
        totals.append(nbytes)
        real_grow(self, nbytes)

    monkeypatch.setattr(Progress, "__init__", started)
    monkeypatch.setattr(Progress, "grow", grown)

    cut, text = tmp_path / "cut.jsonl.gz", tmp_path / "note.txt"
    write_jsonl(cut, make_records(200))
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    text.write_text("The council met on Monday.\nShare this article\n", encoding="utf-8")
    advances: list[tuple[int, int]] = []
    real_advance = Progress.advance

    def counted(self, nbytes, files=0, records=0):
        advances.append((nbytes, files))
        real_advance(self, nbytes, files, records)

    monkeypatch.setattr(Progress, "advance", counted)
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)  # a terminal: the bar is on
    status, err = _clean_in_process(capsys, cut, text, "--output-dir", tmp_path / "out")
    assert status == 2 and any("cut.jsonl.gz: unreadable after record" in line for line in err)
    assert sum(files for _, files in advances) == 2
    assert sum(nbytes for nbytes, _ in advances) == sum(totals)


def _record_inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    big, small, text = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.txt"
    write_jsonl(big, _rows(300))
    write_jsonl(small, _rows(5))
    text.write_text("The council met on Monday.\nShare this article\n", encoding="utf-8")
    return big, small, text


@pytest.mark.parametrize("fail_at", [250, 50])
def test_a_full_disk_under_a_record_output_stops_that_file_only(tmp_path, monkeypatch, capsys, fail_at):
    # ENOSPC part-way through a.jsonl's output was a traceback with exit 1,
    # b.jsonl and c.txt never cleaned. Now: one line naming the output, the
    # records up to the last checkpoint kept for --resume (cut back to it:
    # the failed write may have left half a line), or nothing when no
    # checkpoint was reached; the other inputs written; exit 2; the summary.
    import errno

    from cleanse.records import CHECKPOINT, JsonlWriter

    big, small, text = _record_inputs(tmp_path)
    out = tmp_path / "out"
    real_write = JsonlWriter.write

    def full_disk(self, outcome):
        if self.target.endswith("a.jsonl") and self.records == fail_at:
            self._stream().write(b'{"id": "half a li')
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(self, outcome)

    monkeypatch.setattr(JsonlWriter, "write", full_disk)
    status, err = _clean_in_process(capsys, big, small, text, "--output-dir", out, "--checkpoint-every", "100")
    assert status == 2
    partial = out / ("a.jsonl" + PARTIAL)
    kept = f"the 200 records up to its last checkpoint are kept in {partial}" if fail_at > 100 else \
        "nothing of it is kept"
    message = f"cleanse: error: cannot write {out / 'a.jsonl'}: No space left on device; {kept}"
    assert [line for line in err if "error:" in line] == [message]
    assert not (out / "a.jsonl").exists()
    assert len(read_jsonl(out / "b.jsonl")) == 5 and (out / "c.txt").exists()  # the batch went on
    assert any(line.endswith("; 1 unwritable") for line in err), err
    assert f"cleanse:     {message[len('cleanse: error: '):]}" in err  # among the summary's failures
    assert "cleanse: 5 records written to 1 file" in err
    if fail_at < 100:
        assert not partial.exists() and not (out / ("a.jsonl" + CHECKPOINT)).exists()
        return
    assert [r["id"] for r in read_jsonl(partial)] == list(range(200))
    monkeypatch.setattr(JsonlWriter, "write", real_write)  # room again: --resume finishes it
    status, err = _clean_in_process(capsys, big, "--output-dir", out, "--checkpoint-every", "100", "--resume")
    assert status == 0 and f"cleanse: {big}: resuming after record 200" in err
    assert [r["id"] for r in read_jsonl(out / "a.jsonl")] == list(range(300))


def test_a_full_disk_under_a_parquet_output_keeps_its_checkpointed_parts(tmp_path, monkeypatch, capsys):
    import errno

    from cleanse import records

    source = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(_rows(300)), source)
    real_write_table = pq.write_table
    calls = []

    def full_disk(table, where, *args, **kwargs):
        calls.append(where)
        if len(calls) == 3:  # the third part
            Path(where).write_bytes(b"PAR1 half a part")
            raise OSError(errno.ENOSPC, "Error writing bytes to file. Detail: [errno 28] No space left on device")
        real_write_table(table, where, *args, **kwargs)

    monkeypatch.setattr(records._parquet(), "write_table", full_disk)
    out = tmp_path / "out"
    status, err = _clean_in_process(capsys, source, "--output-dir", out, "--checkpoint-every", "100")
    parts = out / ("a.parquet" + PARTS)
    assert status == 2
    assert (f"cleanse: error: cannot write {out / 'a.parquet'}: No space left on device; the 200 records up to its "
            f"last checkpoint are kept in {parts}{os.sep} (Parquet parts)") in err
    assert sorted(os.listdir(parts)) == ["00000000.parquet", "00000001.parquet"]  # not the half-written part
    assert [r["id"] for r in pq.read_table(parts).to_pylist()] == list(range(200))


def test_a_file_too_large_under_a_record_output_in_a_real_process(tmp_path):
    """A real write failure in a real CLI process (as test_inputs does for
    text files): RLIMIT_FSIZE makes the kernel refuse to grow any file past
    64 KiB with EFBIG, as a full disk refuses with ENOSPC."""
    import resource

    big, small, text = _record_inputs(tmp_path)
    out = tmp_path / "out"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    result = subprocess.run([sys.executable, "-m", "cleanse", "clean", str(big), str(small), str(text), "--output-dir",
                             str(out), "--checkpoint-every", "100", "--isolated", "--jobs", "2"],
                            capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                            preexec_fn=limit, timeout=300)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    partial = out / ("a.jsonl" + PARTIAL)
    assert (f"cleanse: error: cannot write {out / 'a.jsonl'}: File too large; the 100 records up to its last "
            f"checkpoint are kept in {partial}\n") in result.stderr
    assert [r["id"] for r in read_jsonl(partial)] == list(range(100))
    assert len(read_jsonl(out / "b.jsonl")) == 5 and (out / "c.txt").exists()
    assert "1 unwritable" in result.stderr


def _holds_no_output(batch, settings):
    """clean_batch, in a worker that must not hold a record output open: a
    worker forked after the parent opened OUTPUT.cleanse-partial kept it open,
    and the space of a partial output removed after a full disk was not given
    back until the run ended (the inputs after it found the disk still full)."""
    from cleanse.records import clean_batch

    for fd in os.listdir("/proc/self/fd"):
        try:
            path = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if path.endswith(PARTIAL):
            raise AssertionError(f"a worker holds {path} open")
    return clean_batch(batch, settings)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc/self/fd")
def test_workers_do_not_hold_record_outputs_open(tmp_path, monkeypatch, capsys):
    from cleanse import batch

    big, small, _ = _record_inputs(tmp_path)
    monkeypatch.setattr(batch, "clean_batch", _holds_no_output)
    from cleanse import cli

    status = cli.main(["clean", str(big), str(small), "--output-dir", str(tmp_path / "out"), "--isolated",
                       "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert len(read_jsonl(tmp_path / "out" / "a.jsonl")) == 300


# --------------------------------------------------------------------------- result columns never replace input fields
CRAWL = [
    {"id": 1, "text": "Comparte este artÃculo\nThe Kremlin said on Friday it welcomed the calls.", "language": "pt-BR",
     "score": 0.87},
    {"id": 2, "text": "The council met on Monday.\nShare this article\n", "error": "fetch retried"},
    {"id": 3, "text": "The council met on Monday.\nShare this article\n"},
]


def test_result_columns_never_silently_replace_input_fields(tmp_path, capsys):
    # The record came out with language "pt" and score 84.18, its own values
    # gone; the README promises every input field is kept.
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, CRAWL)
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "out")
    assert status == 2
    clash = ("fields 'score' and 'language' would be overwritten by cleanse's result columns of the same name; pass "
             "--result-prefix cleanse_ (cleanse_score, cleanse_language) to name the results apart, or "
             "--overwrite-results to replace them")
    assert [line for line in err if "error:" in line] == [
        f"cleanse: error: {source}#0: {clash}; its fields kept, with an error field",
        f"cleanse: error: {source}#1: field 'error' would be overwritten by cleanse's result column of the same name; "
        "pass --result-prefix cleanse_ (cleanse_error) to name the results apart, or --overwrite-results to replace "
        "it; its fields kept as they were (its own 'error' field is left as it is)",
    ]
    assert any(line.endswith("; 2 records passed through with errors") for line in err)
    assert f"cleanse:     {source}#0: {clash}; its fields kept, with an error field" in err  # the summary's failures
    first, second, third = read_jsonl(tmp_path / "out" / "crawl.jsonl")
    assert first == {**CRAWL[0], "error": clash}
    assert second == CRAWL[1]
    assert third["text"] == "The council met on Monday.\n" and third["score_after"] == 100.0


def test_result_prefix_names_the_results_and_columns_select_them(tmp_path, capsys):
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, CRAWL)
    status, _ = _clean_in_process(capsys, source, "--output-dir", tmp_path / "all", "--result-prefix", "cleanse_")
    assert status == 0
    rows = read_jsonl(tmp_path / "all" / "crawl.jsonl")
    expected = cleanse.clean(CRAWL[0]["text"])
    assert list(rows[0]) == ["id", "text", "language", "score", "cleanse_score", "cleanse_score_after",
                             "cleanse_language", "cleanse_findings"]
    assert (rows[0]["language"], rows[0]["score"]) == ("pt-BR", 0.87)
    assert (rows[0]["cleanse_language"], rows[0]["cleanse_score"]) == (expected.language, expected.score)
    assert rows[1]["error"] == "fetch retried" and "cleanse_error" not in rows[1]
    status, _ = _clean_in_process(capsys, source, "--output-dir", tmp_path / "some", "--result-prefix", "cleanse_",
                                  "--columns", "id,language,cleanse_language,cleanse_score,cleanse_metrics")
    assert status == 0
    chosen = read_jsonl(tmp_path / "some" / "crawl.jsonl")
    assert [list(r) for r in chosen] == [["id", "language", "cleanse_language", "cleanse_score", "cleanse_metrics"]] * 3
    assert chosen[0]["language"] == "pt-BR" and chosen[0]["cleanse_score"] == expected.score
    assert "words" in chosen[0]["cleanse_metrics"]["readability"]  # asked for by its prefixed name, so computed


def test_overwrite_results_recleans_cleanses_own_output_in_place(tmp_path, capsys):
    # --in-place twice replaced the first run's results without a word; now the
    # second run refuses, and --overwrite-results replaces them knowingly.
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, CRAWL[2:] * 2)
    assert _clean_in_process(capsys, source, "--in-place")[0] == 0
    first = read_jsonl(source)
    status, err = _clean_in_process(capsys, source, "--in-place")
    assert status == 2 and "fields 'score', 'score_after', 'language' and 'findings' would be overwritten" in err[0]
    again = read_jsonl(source)
    assert [{k: v for k, v in row.items() if k != "error"} for row in again] == first  # results kept, error added
    status, _ = _clean_in_process(capsys, source, "--in-place", "--overwrite-results")
    assert status == 0
    recleaned = read_jsonl(source)
    result = cleanse.clean(first[0]["text"])
    assert recleaned[0] == {"id": 3, "text": result.text, "score": result.score, "score_after": result.score_after,
                            "language": result.language, "findings": []}  # the stale error is gone too


def test_a_parquet_file_with_a_clashing_column_is_refused_whole(tmp_path, capsys):
    source = tmp_path / "crawl.parquet"
    pq.write_table(pa.Table.from_pylist([{k: v for k, v in row.items() if k != "error"} for row in CRAWL]), source)
    other = tmp_path / "other.jsonl"
    write_jsonl(other, CRAWL[2:])
    status, err = _clean_in_process(capsys, source, other, "--output-dir", tmp_path / "out")
    assert status == 2
    assert [line for line in err if "error:" in line] == [
        f"cleanse: error: {source}: columns 'score' and 'language' would be overwritten by cleanse's result columns "
        "of the same name; pass --result-prefix cleanse_ (cleanse_score, cleanse_language) to name the results "
        "apart, or --overwrite-results to replace them; the file is not cleaned"]
    assert any(line.endswith("; 1 refused") for line in err), err
    assert not (tmp_path / "out" / "crawl.parquet").exists() and len(read_jsonl(tmp_path / "out" / "other.jsonl")) == 1

    status, _ = _clean_in_process(capsys, source, "--output-dir", tmp_path / "prefixed", "--result-prefix", "cleanse_")
    assert status == 0
    table = pq.read_table(tmp_path / "prefixed" / "crawl.parquet")
    assert table.schema.names == ["id", "text", "language", "score", "cleanse_score", "cleanse_score_after",
                                  "cleanse_language", "cleanse_findings", "cleanse_error"]
    assert table.schema.field("cleanse_score").type == pa.float64()
    assert table.schema.field("cleanse_findings").type.value_type.field("rule").type == pa.string()
    assert table.column("language").to_pylist() == ["pt-BR", None, None]
    status, _ = _clean_in_process(capsys, source, "--output-dir", tmp_path / "narrow", "--result-prefix", "cleanse_",
                                  "--columns", "id,score,cleanse_score,cleanse_metrics")
    narrow = pq.read_table(tmp_path / "narrow" / "crawl.parquet")
    assert status == 0 and narrow.schema.names == ["id", "score", "cleanse_score", "cleanse_metrics", "cleanse_error"]
    assert narrow.column("score").to_pylist()[0] == 0.87 and narrow.schema.field("cleanse_metrics").type == pa.string()

    status, _ = _clean_in_process(capsys, source, "--output-dir", tmp_path / "replaced", "--overwrite-results")
    replaced = pq.read_table(tmp_path / "replaced" / "crawl.parquet")
    assert status == 0 and replaced.schema.names[:4] == ["id", "text", "language", "score"]  # in their places
    assert replaced.column("score").to_pylist()[0] == cleanse.clean(CRAWL[0]["text"]).score


def test_a_text_field_named_like_a_result_is_a_usage_error(tmp_path, capsys):
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, CRAWL)
    status, err = _clean_in_process(capsys, source, "--text-field", "language", "--overwrite-results")
    assert status == 2
    assert err == ["cleanse: error: --text-field language is also the name of a result column; "
                   "name the results apart with --result-prefix"]


# --------------------------------------------------------------------------- --columns names columns that exist
RESULTS = "score, score_after, language, findings, metrics, error"
PAGES = [{"id": 1, "text": "The council met on Monday.\nShare this article\n", "url": "https://a.example/1"},
         {"id": 2, "text": "The budget passed.", "url": "https://a.example/2", "title": "Budget"}]


def test_a_typo_in_columns_refuses_the_file_up_front(tmp_path, capsys):
    # `cleanse clean in.jsonl --columns id,scroe` wrote a column 'scroe' of
    # nulls into every record, without a word. Now nothing is written and the
    # error names the column, the result columns and the input's fields.
    from cleanse import cli

    source = tmp_path / "in.jsonl"
    write_jsonl(source, PAGES)
    status = cli.main(["clean", str(source), "--columns", "id,scroe", "--isolated", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert [line for line in err.splitlines() if "error:" in line] == [
        f"cleanse: error: {source}: --columns names 'scroe', which is neither a result column ({RESULTS}) nor a "
        "field of its records (id, text, url, title); the file is not cleaned; did you mean 'score'?"]
    # the input's fields are columns too, one that only some records have among them
    status = cli.main(["clean", str(source), "--columns", "id,url,title,score", "--isolated", "--jobs", "1"])
    out, _ = capsys.readouterr()
    assert status == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"id": 1, "url": "https://a.example/1", "title": None, "score": cleanse.clean(PAGES[0]["text"]).score},
        {"id": 2, "url": "https://a.example/2", "title": "Budget", "score": 100.0}]


def test_a_file_without_a_column_named_is_refused_and_the_batch_goes_on(tmp_path, capsys):
    # A Parquet file is judged by its columns (every row has them); the
    # other inputs are cleaned, the refusal counted, the exit status 2.
    narrow, pages = tmp_path / "narrow.parquet", tmp_path / "pages.jsonl"
    pq.write_table(pa.Table.from_pylist([{"id": 3, "text": "The council met on Monday."}]), narrow)
    write_jsonl(pages, PAGES)
    out = tmp_path / "out"
    status, err = _clean_in_process(capsys, narrow, pages, "--output-dir", out, "--columns", "id,url,cleanse_score",
                                    "--result-prefix", "cleanse_")
    assert status == 2
    prefixed = RESULTS.replace(", ", ", cleanse_")
    assert [line for line in err if "error:" in line] == [
        f"cleanse: error: {narrow}: --columns names 'url', which is neither a result column (cleanse_{prefixed}) "
        "nor a column of the file (id, text); the file is not cleaned"]
    assert any(line.endswith("; 1 refused") for line in err), err
    assert sorted(os.listdir(out)) == ["pages.jsonl"]  # no output, partial or parts of the refused file
    assert [list(row) for row in read_jsonl(out / "pages.jsonl")] == [["id", "url", "cleanse_score"]] * 2


@pytest.mark.parametrize("name", ["late.jsonl", "late.jsonl.gz"])
def test_a_field_first_met_after_the_first_batch_is_a_column(tmp_path, capsys, monkeypatch, name):
    # --columns was judged by the fields of a JSONL file's first 1,000 records:
    # a crawl whose `title` first appears in record 1,500 was refused whole.
    # Every record is looked at now (the read stops once every name is met),
    # and only a name no record has is refused, after the whole file is read.
    from cleanse import cli, records
    from cleanse.records import RecordOptions, RefusedError, refuse_unknown_columns

    rows = [{"id": i, "text": f"The council met on Monday, budget line {i}."} for i in range(1600)]
    rows[1500]["title"] = "Budget"
    source = tmp_path / name
    write_jsonl(source, rows)
    fmt = "jsonl.gz" if name.endswith(".gz") else "jsonl"
    refuse_unknown_columns(str(source), fmt, RecordOptions(columns=("id", "title", "score")))
    with pytest.raises(RefusedError) as refused:
        refuse_unknown_columns(str(source), fmt, RecordOptions(columns=("id", "titel")))
    assert str(refused.value) == (
        f"{source}: --columns names 'titel', which is neither a result column ({RESULTS}) nor a field of its "
        "records (title, id, text); the file is not cleaned; did you mean 'title'?")  # the nearest field first
    # The same through a run, kept short: batches of 10 records stand for the
    # 1,000, and the title is in the third.
    monkeypatch.setattr(records, "COLUMN_SCAN_RECORDS", 10, raising=False)
    write_jsonl(source, rows[1475:1505])
    out = tmp_path / "out"
    status, err = _clean_in_process(capsys, source, "--output-dir", out, "--columns", "id,title,score")
    assert status == 0, err
    output = read_jsonl(out / name)
    assert [row["id"] for row in output] == list(range(1475, 1505))  # every record, in order
    assert [row["title"] for row in output] == [None] * 25 + ["Budget"] + [None] * 4
    status = cli.main(["clean", str(source), "--output-dir", str(tmp_path / "typo"), "--columns", "id,titel",
                       "--isolated", "--jobs", "1"])
    err = capsys.readouterr().err
    assert status == 2 and "--columns names 'titel'" in err
    assert not (tmp_path / "typo").exists() or os.listdir(tmp_path / "typo") == []


def test_a_long_read_for_a_column_says_so_and_the_refusal_shows_the_nearest_fields(tmp_path, capsys, monkeypatch):
    # `--columns id,scroe` on a 166 MB .jsonl.gz (500,000 records) read the
    # whole file for 'scroe', 3.6 s without a word before its refusal (a 10
    # GB shard: minutes). A name not met in the first 10,000 records (or 2 s)
    # is said once while the read goes on, and the refusal lists the fields
    # nearest the names first: the first 12 met, of a crawl's 40, may not
    # hold the one meant. Kept short: batches of 10 records, a notice after 30.
    from cleanse import records

    monkeypatch.setattr(records, "COLUMN_SCAN_RECORDS", 10)
    monkeypatch.setattr(records, "COLUMN_SCAN_NOTICE_RECORDS", 30)
    fields = {f"field_{k:02d}": k for k in range(20)}
    rows = [{"id": i, **fields, "text": f"The council met on Monday, budget line {i}."} for i in range(100)]
    rows[60]["title"] = "Budget"
    source = tmp_path / "crawl.jsonl.gz"
    write_jsonl(source, rows)

    def notices(err: list[str]) -> list[str]:
        return [line for line in err if "reading the rest" in line]

    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "typo", "--columns", "id,titel,scroe")
    assert status == 2
    assert notices(err) == [
        f"cleanse: {source}: --columns names 'titel' and 'scroe', fields none of its first 30 records has: reading "
        "the rest of the file for them before cleaning (a typo is refused at its end)"]
    assert [line for line in err if "error:" in line] == [
        f"cleanse: error: {source}: --columns names 'titel' and 'scroe', which are neither result columns "
        f"({RESULTS}) nor fields of its records (title, id, field_00, field_01, field_02, field_03, field_04, "
        "field_05, field_06, field_07, field_08, field_09, ...); the file is not cleaned; did you mean 'title' for "
        "'titel', 'score' for 'scroe'?"]
    # a field first met late: said, then found, and the file is cleaned
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "late", "--columns", "id,title")
    assert status == 0 and len(notices(err)) == 1
    assert [row["title"] for row in read_jsonl(tmp_path / "late" / source.name)][60] == "Budget"
    # not with --quiet, and not when every name is met in time
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "q", "--columns", "id,scroe", "-q")
    assert status == 2 and notices(err) == []
    monkeypatch.setattr(records, "COLUMN_SCAN_NOTICE_RECORDS", 70)
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "soon", "--columns", "id,title")
    assert status == 0 and notices(err) == []
    # or after a few seconds, however few records that is
    monkeypatch.setattr(records, "COLUMN_SCAN_NOTICE_SECONDS", 0)
    status, err = _clean_in_process(capsys, source, "--output-dir", tmp_path / "slow", "--columns", "id,scroe")
    assert status == 2 and notices(err) == [
        f"cleanse: {source}: --columns names 'scroe', a field none of its first 10 records has: reading the rest "
        "of the file for it before cleaning (a typo is refused at its end)"]


def test_a_resumed_run_shows_its_skipped_records_done_but_leaves_them_out_of_its_rate(tmp_path, monkeypatch,
                                                                                       capsys):
    # --resume fed the records an earlier run had cleaned to the bar as this
    # run's first update: 250 kB of a 300 kB file "cleaned" in one batch's
    # time, a rate six times the run's and an ETA a sixth of the time left.
    # They are done on the bar now (it ends at its total), but every update,
    # the samples tqdm makes its rate of, is this run's own work.
    import errno

    from tqdm import tqdm

    from cleanse import cli
    from cleanse.records import JsonlWriter

    source = tmp_path / "a.jsonl"
    write_jsonl(source, _rows(300))
    out = tmp_path / "out"
    real_write = JsonlWriter.write

    def full_disk(self, outcome):
        if self.records == 250:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(self, outcome)

    monkeypatch.setattr(JsonlWriter, "write", full_disk)
    status, _ = _clean_in_process(capsys, source, "--output-dir", out, "--checkpoint-every", "100")
    assert status == 2  # the first 200 records kept, checkpointed
    monkeypatch.setattr(JsonlWriter, "write", real_write)
    updates: list[int] = []
    ends: list[tuple[int, int]] = []
    real_update, real_close = tqdm.update, tqdm.close

    def update(self, n=1):
        updates.append(n)
        return real_update(self, n)

    def close(self):
        ends.append((self.n, self.initial))
        return real_close(self)

    monkeypatch.setattr(tqdm, "update", update)
    monkeypatch.setattr(tqdm, "close", close)
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)  # a terminal: the bar is on
    status, err = _clean_in_process(capsys, source, "--output-dir", out, "--checkpoint-every", "100", "--resume")
    assert status == 0 and f"cleanse: {source}: resuming after record 200" in err
    size = source.stat().st_size
    skipped = len(b"".join(source.read_bytes().splitlines(keepends=True)[:200]))
    assert sum(updates) == size - skipped  # this run's work, all the rate is made of
    assert ends[0] == (size, skipped)  # the bar ends at its total; its average rate leaves the skip out
    assert [r["id"] for r in read_jsonl(out / "a.jsonl")] == list(range(300))


def test_the_bar_counts_bytes_of_text_whether_a_file_is_gzip_or_not(tmp_path, monkeypatch, capsys):
    # The bar counted bytes on disk: a .jsonl.gz holding as much text as a
    # JSONL file, and taking as long to clean, weighed a ninth of it. Once
    # the JSONL file was done the bar said 90% and its ETA was a tenth of the
    # time left. Both now count their text: half the total each.
    import random

    from cleanse import cli
    from cleanse.progress import Progress

    random.seed(0)
    words = "council budget vote Monday Geneva talks officials said week the of and to in".split()
    rows = [{"id": i, "text": " ".join(random.choices(words, k=60)) + "."} for i in range(400)]
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    write_jsonl(plain, rows[:200])
    write_jsonl(packed, rows[200:])
    text = len(gzip.decompress(packed.read_bytes()))
    assert packed.stat().st_size < text / 2
    marks: list[tuple[float, float]] = []
    real_advance = Progress.advance

    def advance(self, nbytes, files=0, records=0):
        real_advance(self, nbytes, files, records)
        if files:
            marks.append((self._bar.n, self._bar.total))

    monkeypatch.setattr(Progress, "advance", advance)
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)  # a terminal: the bar is on
    status, _ = _clean_in_process(capsys, plain, packed, "--output-dir", tmp_path / "out")
    assert status == 0
    size = plain.stat().st_size
    assert marks == [(size, size + text), (size + text, size + text)]
    from cleanse.records import _isize_size, gzip_text_size, text_size

    assert gzip_text_size(str(packed)) == text  # one member: its trailer's ISIZE
    # A file of several members (cleanse's own gzip outputs: one per
    # checkpoint) has the last one's size in its trailer; its text is
    # estimated from its compression ratio instead, and a Parquet file's from
    # its footer.
    lines = gzip.decompress(packed.read_bytes()).splitlines(keepends=True)
    members = tmp_path / "members.jsonl.gz"
    members.write_bytes(b"".join(gzip.compress(b"".join(lines[k : k + 50]), mtime=0) for k in range(0, 200, 50)))
    assert 0.7 * text < gzip_text_size(str(members)) < 1.3 * text
    table = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(rows[200:]), table)
    assert 0.7 * text < text_size(str(table), "parquet") < 1.3 * text
    # a trailer's size is modulo 4 GiB: the one nearest the estimate is taken
    assert _isize_size((5 * 2**30) % 2**32, estimate=int(5.3 * 2**30)) == 5 * 2**30
    assert _isize_size(5_000_000, estimate=600_000_000) is None  # the last of several members


def test_a_record_files_text_size_is_read_once(tmp_path, monkeypatch, capsys):
    # records.text_size (a .jsonl.gz's first 64 KB decompressed, a Parquet
    # file's footer) ran twice per record file under a bar: for the bar's
    # total, and again for the file's share of it as the file started.
    from cleanse import cli, records

    packed, table, text = tmp_path / "a.jsonl.gz", tmp_path / "b.parquet", tmp_path / "c.txt"
    write_jsonl(packed, _rows(30))
    pq.write_table(pa.Table.from_pylist(_rows(30, start=30)), table)
    text.write_text("The budget passed.\nShare this article\n", encoding="utf-8")
    calls: list[str] = []
    real = records.text_size
    monkeypatch.setattr(records, "text_size", lambda path, fmt: calls.append(path) or real(path, fmt))
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)  # a terminal: the bar is on
    status, _ = _clean_in_process(capsys, packed, table, text, "--output-dir", tmp_path / "out")
    assert status == 0
    assert sorted(calls) == [str(packed), str(table)]


def test_a_resumed_runs_report_is_the_report_of_an_uninterrupted_run(tmp_path, monkeypatch, capsys):
    # --report held only what its own run did: a run resumed after a kill
    # reported none of the files and records the killed run had done. The
    # report's lines now reach REPORT.part as they are written, a killed run
    # leaves them there, and --resume keeps those of the inputs it skips and
    # of the records before its checkpoint, in their place among its own.
    # A resumed run killed in turn is resumed again, to the same report.
    from cleanse import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday.\nShare this article\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 a binary file: skipped, by every run, and reported so")
    lines = [json.dumps(row) for row in _rows(300)]
    lines[10:10] = [""]  # blank lines are records that have no report line
    lines[150:150] = ["   "]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "d.txt").write_text("The budget passed.\nShare this article\n", encoding="utf-8")

    def run(name: str, *extra: str) -> int:
        return cli.main(["clean", str(folder), "--include", "*.txt,*.jsonl", "--id-field", "id", "--output-dir",
                         str(tmp_path / name), "--report", str(tmp_path / f"{name}.jsonl"),
                         "--checkpoint-every", "100", "--isolated", "--jobs", "1", "--quiet", *extra])

    assert run("whole") == 0
    whole = (tmp_path / "whole.jsonl").read_bytes()
    assert len(whole.splitlines()) == 4 + 300 - 1  # a, b, the records of c, d (c's own input has no line)
    killed_at = _killed_at_record(monkeypatch)
    report, part = tmp_path / "cut.jsonl", tmp_path / "cut.jsonl.part"
    for kill, resume in ((150, ()), (250, ("--resume",))):  # after the checkpoint at record 100, then 200
        killed_at[:] = [kill]
        assert run("cut", *resume) == 130
        assert not report.exists()
        reported = part.read_bytes().splitlines(keepends=True)
        assert reported == whole.splitlines(keepends=True)[: len(reported)]  # what it did, in order, whole lines
        assert json.loads(reported[-1])["path"].startswith(f"{folder / 'c.jsonl'}#")  # killed inside c.jsonl
    killed_at[:] = []
    assert run("cut", "--resume") == 0
    assert report.read_bytes() == whole
    assert sorted(os.listdir(tmp_path)) == ["cut", "cut.jsonl", "in", "whole", "whole.jsonl"]
    assert "warning" not in capsys.readouterr().err
    assert run("cut", "--resume") == 0  # nothing left to do: the report is still the whole run's
    assert report.read_bytes() == whole
    capsys.readouterr()
    other = tmp_path / "other.jsonl"  # a report that no run before wrote: nothing of what it lacks is hidden
    assert cli.main(["clean", str(folder), "--include", "*.txt,*.jsonl", "--output-dir", str(tmp_path / "whole"),
                     "--report", str(other), "--isolated", "--jobs", "1", "--resume"]) == 0
    assert [line for line in capsys.readouterr().err.splitlines() if "warning" in line] == [
        f"cleanse: warning: --resume: {other} lacks the lines of 3 inputs an earlier run did: "
        "no report of that run here holds them (it was run without --report, or a full disk stopped its report)"]
