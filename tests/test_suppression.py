"""Suppression: inline ``cleanse: ignore[RULE]`` markers (library and CLI),
``per-file-ignores`` in configuration, and what a silenced finding leaves."""

from __future__ import annotations

import json

import pytest

import cleanse
from cleanse.config import ConfigError, from_mapping
from cleanse.suppression import config_for_path, ignores_for_path

BODY = "The committee met on Tuesday and agreed the budget for next year. It will vote again in March.\n"


def rules_of(result: cleanse.Result) -> set[str]:
    return {f.rule for f in result.findings}


def test_marker_in_markdown_comment_keeps_the_line():
    text = "# Minutes\n\n" + BODY + "\nAuthor: HGV <!-- cleanse: ignore[BOI004] -->\n"
    result = cleanse.clean(text)
    assert "BOI004" not in rules_of(result)
    assert "Author: HGV <!-- cleanse: ignore[BOI004] -->" in result.text  # a silenced removal is not applied
    assert result.score == 100.0  # and it does not cost anything
    without = cleanse.clean(text.replace(" <!-- cleanse: ignore[BOI004] -->", ""))
    assert "BOI004" in rules_of(without) and "Author: HGV" not in without.text


def test_marker_silences_only_the_rules_it_names():
    text = BODY + "The artÃculo was published on Friday. <!-- cleanse: ignore[BOI002] -->\n"
    result = cleanse.clean(text)
    assert "ENC001" in rules_of(result)
    assert "The artículo was published" in result.text


def test_marker_without_a_list_silences_every_rule_on_its_line():
    text = BODY + "The artÃculo was published. # cleanse: ignore\nThe other artÃculo too.\n"
    result = cleanse.clean(text)
    lines = {f.line for f in result.findings if f.rule == "ENC001"}
    assert lines == {3}  # line 2 silenced, line 3 still repaired
    assert "The artÃculo was published. # cleanse: ignore" in result.text
    assert "The other artículo too." in result.text


@pytest.mark.parametrize("marker", [
    "cleanse: ignore[ENC001]",
    "cleanse: ignore[lossy-mojibake]",  # a name
    "cleanse: ignore[encoding]",  # a category
    "cleanse: ignore[ENC]",  # a prefix
    "cleanse: ignore[BOI004, ENC001]",  # a list, with a space
    "Cleanse: Ignore[enc001]",  # any case
])
def test_marker_selectors(marker):
    result = cleanse.clean(f"The artÃculo was published on Friday. <!-- {marker} -->\n")
    assert "ENC001" not in rules_of(result)
    assert "artÃculo" in result.text


def test_unknown_selector_in_a_marker_silences_nothing_and_never_raises():
    result = cleanse.clean("The artÃculo was published on Friday. <!-- cleanse: ignore[NOPE42] -->\n")
    assert "ENC001" in rules_of(result)


def test_marker_only_affects_its_own_line():
    text = "<!-- cleanse: ignore[BOI004] -->\nAuthor: HGV\n" + BODY
    assert "BOI004" in rules_of(cleanse.clean(text))


def test_suppressed_text_is_idempotent():
    text = "Author: HGV <!-- cleanse: ignore -->\nThe artÃculo was published.\n" + BODY
    once = cleanse.clean(text).text
    assert cleanse.clean(once).text == once


def test_records_and_config_path_honour_markers():
    rows = list(cleanse.clean_records([{"id": 1, "text": "Source: Agencias <!-- cleanse: ignore[source-credit] -->\n"
                                        + BODY}]))
    assert "BOI005" not in {f["rule"] for f in rows[0]["findings"]}


def test_cli_marker_in_markdown(run_cli, tmp_path):
    doc = tmp_path / "post.md"
    doc.write_text("# Post\n\n" + BODY + "\nAuthor: HGV <!-- cleanse: ignore[byline] -->\n", encoding="utf-8")
    checked, cleaned = run_cli.many([("check", doc, "--format", "jsonl"), ("clean", doc)])
    [row] = [json.loads(line) for line in checked.stdout.splitlines()]
    assert row["findings"] == [] and checked.returncode == 0
    assert cleaned.stdout == doc.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- per-file-ignores
def test_per_file_ignores_config_validation():
    config = from_mapping({"per-file-ignores": {"drafts/*": ["BOI", "translation"], "*.rst": "ENC001"}})
    assert config.per_file_ignores == {"drafts/*": ("BOI", "translation"), "*.rst": ("ENC001",)}
    with pytest.raises(ConfigError, match=r"per-file-ignores.*'NOPE1'.*'drafts/\*'"):
        from_mapping({"per-file-ignores": {"drafts/*": ["NOPE1"]}})
    with pytest.raises(ConfigError, match="per-file-ignores"):
        from_mapping({"per-file-ignores": ["BOI"]})
    with pytest.raises(ConfigError, match="per-file-ignores"):
        from_mapping({"per-file-ignores": {"x": [1]}})


def test_ignores_for_path_matching(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = from_mapping({"per-file-ignores": {"drafts/*": ["BOI"], "README.md": ["TRN"], "./notes/*.txt": ["ENC"]}},
                          source=str(tmp_path / ".cleanse.toml"))
    assert ignores_for_path(config, "drafts/a.txt") == ("BOI",)
    assert ignores_for_path(config, str(tmp_path / "drafts" / "deep" / "b.md")) == ("BOI",)  # * crosses folders
    assert ignores_for_path(config, "docs/README.md") == ("TRN",)  # a bare name matches the file name
    assert ignores_for_path(config, "notes/x.txt") == ("ENC",)
    assert ignores_for_path(config, "other/a.txt") == ()
    assert ignores_for_path(config, "-") == ()
    derived = config_for_path(config, "drafts/a.txt")
    assert "BOI004" not in derived.enabled_rules() and "ENC001" in derived.enabled_rules()
    assert config_for_path(config, "drafts/b.txt") is derived  # built once per set of ignores
    assert config_for_path(config, "other/a.txt") is config


def test_per_file_ignores_relative_to_the_config_file(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    config = from_mapping({"per-file-ignores": {"drafts/*": ["BOI"]}}, source=str(tmp_path / "pyproject.toml"))
    assert ignores_for_path(config, "../drafts/a.txt") == ("BOI",)


def test_cli_per_file_ignores(run_cli, tmp_path):
    work = run_cli.workdir
    (work / "drafts").mkdir()
    (work / "posts").mkdir()
    text = "Author: HGV\n" + BODY
    (work / "drafts" / "a.md").write_text(text)
    (work / "posts" / "b.md").write_text(text)
    (work / "pyproject.toml").write_text('[tool.cleanse]\nper-file-ignores = { "drafts/*" = ["byline"] }\n')
    checked, jobs = run_cli.many([("check", ".", "--format", "jsonl"), ("check", ".", "--format", "jsonl", "-j", "2")])
    rows = {row["path"]: row for row in map(json.loads, checked.stdout.splitlines())}
    assert rows["./drafts/a.md"]["findings"] == []
    assert [f["rule"] for f in rows["./posts/b.md"]["findings"]] == ["BOI004"]
    assert jobs.stdout == checked.stdout  # worker processes resolve them the same way
    cleaned = run_cli("clean", ".", "--in-place")
    assert cleaned.returncode == 0
    assert (work / "drafts" / "a.md").read_text() == text
    assert (work / "posts" / "b.md").read_text() == BODY


def test_cli_per_file_ignores_bad_selector(run_cli, seed_paths):
    (run_cli.workdir / ".cleanse.toml").write_text('per-file-ignores = { "*.txt" = ["BOI999"] }\n')
    result = run_cli("check", seed_paths["000"])
    assert result.returncode == 2
    assert "per-file-ignores" in result.stderr and "BOI999" in result.stderr and ".cleanse.toml" in result.stderr
    assert "Traceback" not in result.stderr
