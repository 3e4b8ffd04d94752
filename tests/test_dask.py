"""A real Dask distributed cluster (LocalCluster: a scheduler and two worker
processes over TCP): the CLI's --engine dask and the cleanse.dask helpers give
exactly what a single-process run gives."""

from __future__ import annotations

import json

import pytest

import cleanse
import cleanse.dask

from .test_records import make_records, write_jsonl

distributed = pytest.importorskip("distributed", reason="the dask extra is part of the test install")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        with distributed.Client(local) as client:
            yield local, client


def test_cli_on_a_cluster_matches_the_local_run(cluster, run_cli, tmp_path):
    local, _ = cluster
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, make_records(40))
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, row in enumerate(make_records(6)):
        (folder / f"{i}.txt").write_text(row["text"], encoding="utf-8")
    on_cluster, alone = run_cli.many([
        ("clean", source, folder, "--output-dir", tmp_path / "dask", "--engine", "dask",
         "--scheduler", local.scheduler_address, "--verbose"),
        ("clean", source, folder, "--output-dir", tmp_path / "local", "--jobs", "1"),
    ])
    assert on_cluster.returncode == alone.returncode == 0, on_cluster
    assert "engine: DaskEngine with 2 workers" in on_cluster.stderr
    for name in ["crawl.jsonl", *(f"{i}.txt" for i in range(6))]:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_unreachable_scheduler_is_a_clear_error(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    result = run_cli("check", tmp_path / "a.txt", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                     env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_bag_matches_clean_records(cluster):
    _, client = cluster
    records = make_records(30)
    expected = list(cleanse.clean_records(records))
    bag = db.from_sequence(records, npartitions=4)
    got = cleanse.dask.clean_bag(bag).compute(scheduler=client.get)
    assert got == expected


def test_bag_passes_a_value_that_is_not_a_record_through():
    # A bag read with json.loads holds None for a line `null`: it failed the
    # whole computation (TypeError in the partition). The scheduler does not
    # matter to that, so this runs on dask's synchronous one.
    records = [{"id": 1, "text": "The council met on Monday."}, None, [1, 2], {"id": 4, "text": "Share this article"}]
    got = cleanse.dask.clean_bag(db.from_sequence(records, npartitions=2)).compute(scheduler="sync")
    assert got == list(cleanse.clean_records(records))
    assert [row.get("id") for row in got] == [1, None, None, 4]
    assert got[1] == {"record": None, "error": "the record is None, not a mapping holding 'text' or a str"}


def test_a_frame_with_a_result_column_is_refused_unless_named_apart():
    # clean_dataframe wrote its score and language over the frame's own columns.
    import pandas as pd

    records = [{"id": 1, "text": "Comparte este artÃculo\nThe Kremlin said on Friday it welcomed the calls.",
                "language": "pt-BR", "score": 0.87}]
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=1)
    with pytest.raises(ValueError, match=r"^the frame's columns 'score' and 'language' would be overwritten .* "
                                         r"pass result_prefix='cleanse_' \(cleanse_score, cleanse_language\)"):
        cleanse.dask.clean_dataframe(frame)
    result = cleanse.clean(records[0]["text"])
    named = cleanse.dask.clean_dataframe(frame, result_prefix="cleanse_", columns=("cleanse_score", "language"))
    [row] = named.compute(scheduler="sync").to_dict("records")
    assert list(row) == ["id", "text", "language", "score", "cleanse_score", "cleanse_language", "cleanse_error"]
    assert (row["language"], row["score"], row["cleanse_score"], row["cleanse_language"]) == \
        ("pt-BR", 0.87, result.score, result.language)
    [replaced] = cleanse.dask.clean_dataframe(frame, overwrite_results=True).compute(scheduler="sync").to_dict("records")
    assert (replaced["language"], replaced["score"]) == (result.language, result.score)
    bag = db.from_sequence(records, npartitions=1)
    assert cleanse.dask.clean_bag(bag, result_prefix="cleanse_").compute(scheduler="sync") == \
        list(cleanse.clean_records(records, result_prefix="cleanse_"))
    with pytest.raises(ValueError, match="the frame has no column 'body'"):
        cleanse.dask.clean_dataframe(frame, text_field="body")


def test_dataframe_matches_single_process(cluster):
    import pandas as pd

    _, client = cluster
    records = make_records(24)
    records[5]["text"] = None
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=3)
    cleaned = cleanse.dask.clean_dataframe(frame, columns=("score", "score_after", "language", "findings"))
    got = cleaned.compute(scheduler=client.get)
    assert list(got.columns) == ["id", "source", "text", "score", "score_after", "language", "findings", "error"]
    for row, record in zip(got.to_dict("records"), records, strict=True):
        if record["text"] is None:
            assert row["error"] == "field 'text' is null, not text"
            continue
        result = cleanse.clean(record["text"])
        assert (row["text"], row["score"], row["score_after"], row["language"]) == \
            (result.text, result.score, result.score_after, result.language)
        assert json.loads(row["findings"]) == [f.to_dict() for f in result.findings]


def test_dataframe_writes_to_parquet(cluster, tmp_path):
    # The README's example: the cleaned frame written as Parquet, read back.
    import pandas as pd

    _, client = cluster
    records = make_records(12)
    records[3]["text"] = None
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=2)
    cleanse.dask.clean_dataframe(frame, text_field="text").to_parquet(tmp_path / "cleaned", compute_kwargs={
        "scheduler": client.get})
    got = dd.read_parquet(tmp_path / "cleaned").compute().to_dict("records")
    assert [row["id"] for row in got] == [record["id"] for record in records]
    assert got[3]["error"] == "field 'text' is null, not text"
    result = cleanse.clean(records[0]["text"])
    assert (got[0]["text"], got[0]["score"], got[0]["language"]) == (result.text, result.score, result.language)
    assert json.loads(got[0]["findings"]) == [f.to_dict() for f in result.findings]


def test_models_load_once_per_worker(cluster):
    _, client = cluster
    timings = cleanse.dask.warm_up(client)
    assert len(timings) == 2
    again = cleanse.dask.warm_up(client)
    # loaded already: the second pass only cleans one short sentence per worker
    assert all(again[w] < max(0.5, timings[w]) for w in again)
    # the word list behind mojibake repair was parsed once in each worker process
    info = client.run(_lexicon_loads)
    assert sorted(info.values()) == [1, 1]


def _lexicon_loads() -> int:
    from cleanse.detectors.lexicon import lexicon

    return lexicon.cache_info().misses
