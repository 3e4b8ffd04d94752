"""The hook manifest, run by the real ``pre-commit`` in a temporary git
repository, as a content repository that adds cleanse's three lines would.

The hook repository is a fresh commit of this working tree (so uncommitted
changes are what gets tested). pre-commit clones it and, the hooks being
``language: python``, pip-installs it into an environment of its own under
PRE_COMMIT_HOME (a temporary folder, never the user's cache). Installing needs
only the package registries pip is configured for. Both hooks share that one
environment, so the whole module builds it once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED_NAMES, cleaned_seed, read_seed

try:
    import pre_commit  # noqa: F401
except ImportError:  # pragma: no cover - it is in the test extra
    if os.environ.get("CI"):
        raise
    pytest.skip("pre-commit is not installed (pip install -e '.[test]')", allow_module_level=True)

GIT = ["git", "-c", "user.name=cleanse tests", "-c", "user.email=tests@cleanse.invalid", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"]
CLEAN_TEXT = (
    "# Minutes\n\n"
    "The committee met on Tuesday and agreed the budget for next year. The vote on the new library will take "
    "place in March, after the public consultation closes.\n"
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def snapshot(dest: Path) -> str:
    """Commit this working tree (tracked and new files, minus ignored ones) into ``dest``; return the sha."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot for tests")
    return git(dest, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory):
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "cleanse-hooks"
    hooks.mkdir()
    sha = snapshot(hooks)
    repo = base / "content"
    (repo / "seeds").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {sha}\n    hooks: [{{id: cleanse-check}}, {{id: cleanse-fix}}]\n",
        encoding="utf-8")
    # the hooks read the content repository's configuration, as the CLI does
    (repo / "pyproject.toml").write_text('[tool.cleanse]\nfail-under = 90\nexclude = [".git", "drafts/*"]\n',
                                         encoding="utf-8")
    (repo / "minutes.md").write_text(CLEAN_TEXT, encoding="utf-8")
    (repo / "notes.json").write_text('{"Author": "HGV"}\n', encoding="utf-8")  # not a text file type the hooks take
    for key in ("001", "002"):
        (repo / "seeds" / SEED_NAMES[key]).write_bytes(read_seed(key).encode("utf-8"))
    (repo / "drafts").mkdir()
    (repo / "drafts" / "draft.md").write_bytes(read_seed("001").encode("utf-8"))  # mojibake, but excluded
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@cleanse.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@cleanse.invalid"}
    env.pop("NO_COLOR", None)

    def run(hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--files", *files],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    return repo, run


def test_hooks_pass_on_clean_files(content_repo):
    repo, run = content_repo
    check = run("cleanse-check", "minutes.md", "notes.json")  # builds the hook environment (once)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "cleanse check" in check.stdout and "Passed" in check.stdout
    fix = run("cleanse-fix", "minutes.md")
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert (repo / "minutes.md").read_text(encoding="utf-8") == CLEAN_TEXT


def test_check_hook_fails_on_the_seeds(content_repo):
    repo, run = content_repo
    mojibake = run("cleanse-check", f"seeds/{SEED_NAMES['001']}")
    assert mojibake.returncode == 1, mojibake.stdout + mojibake.stderr
    assert "Failed" in mojibake.stdout
    assert f"seeds/{SEED_NAMES['001']}:5:20: ENC001 [error]" in mojibake.stdout.replace("\\", "/")
    assert "fails:" in mojibake.stdout and "fail-on error (ENC001)" in mojibake.stdout
    # seed 002 has no error finding; it fails on the content repository's fail-under = 90
    assert cleaned_seed("002").score < 90 and not any(f.severity == "error" for f in cleaned_seed("002").findings)
    low = run("cleanse-check", f"seeds/{SEED_NAMES['002']}")
    assert low.returncode == 1, low.stdout + low.stderr
    assert "is under fail-under 90" in low.stdout


def test_fix_hook_cleans_in_place_and_fails(content_repo):
    repo, run = content_repo
    seeds = [f"seeds/{SEED_NAMES[key]}" for key in ("001", "002")]
    fix = run("cleanse-fix", *seeds)
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "Failed" in fix.stdout and "files were modified by this hook" in fix.stdout
    for key, path in zip(("001", "002"), seeds, strict=True):
        assert (repo / path).read_bytes().decode("utf-8") == cleaned_seed(key).text
    # once fixed, both hooks pass on the same files
    again, check = run("cleanse-fix", *seeds), run("cleanse-check", *seeds)
    assert again.returncode == 0, again.stdout + again.stderr
    assert check.returncode == 0, check.stdout + check.stderr


def test_hooks_leave_excluded_files_alone(content_repo):
    """pre-commit names every staged file, and a named file was checked
    whatever `exclude` said: the draft's mojibake failed the commit and the
    fixer rewrote it. Both hooks pass --force-exclude."""
    repo, run = content_repo
    check = run("cleanse-check", "drafts/draft.md")
    assert check.returncode == 0, check.stdout + check.stderr
    fix = run("cleanse-fix", "drafts/draft.md")
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert (repo / "drafts" / "draft.md").read_bytes() == read_seed("001").encode("utf-8")
