"""The HTML report: one self-contained file, rendered in headless Chromium
(Debian's ``chromium``; .ci/run installs it) without console errors, with a
working sortable table and hover tooltips, and a screenshot."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html import unescape

import pytest

import cleanse
from cleanse.batch import Outcome
from cleanse.discover import Input
from cleanse.report import html as html_report

from .conftest import SEED_NAMES, cleaned_seed

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
# The flags this machine needs (see the environment notes): no sandbox as
# root, no GPU, and no background connections, which a closed network refuses.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]

EXTRA = (
    "# Notes\n\n"
    "The café reopened on Friday after the artÃculo was published.\n"
    "Mos\u200bcow said <script>alert('x')</script> & more.\n"
    "Author: HGV\n"
)

# Recorded into the DOM so --dump-dom can report them: uncaught errors,
# console.error calls and failed loads (a CSP violation is one).
ERROR_HOOK = """<script>
(function () {
  function note(kind, text) {
    var root = document.documentElement;
    root.setAttribute("data-errors", (root.getAttribute("data-errors") || "") + "|" + kind + ": " + text);
  }
  window.addEventListener("error", function (e) { note("error", e.message || (e.target && e.target.outerHTML)); }, true);
  window.addEventListener("unhandledrejection", function (e) { note("rejection", String(e.reason)); });
  document.addEventListener("securitypolicyviolation", function (e) { note("csp", e.blockedURI); });
  var original = console.error;
  console.error = function () { note("console", Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); };
})();
</script>"""

# Drives the page as a reviewer would, after its own script has run.
INTERACTIONS = """<script>
(function () {
  var root = document.documentElement;
  function order() {
    return Array.prototype.map.call(document.querySelectorAll("#files tbody tr"),
      function (tr) { return tr.cells[1].dataset.value; }).join(",");
  }
  function click(label) {
    Array.prototype.filter.call(document.querySelectorAll("#files th button"),
      function (b) { return b.textContent === label; })[0].click();
  }
  root.setAttribute("data-initial", order());
  click("Score");
  root.setAttribute("data-descending", order());
  click("Score");
  root.setAttribute("data-ascending", order());
  var mark = document.querySelector(".text .rp");
  mark.dispatchEvent(new MouseEvent("mouseover", {bubbles: true, clientX: 20, clientY: 20}));
  var tip = document.getElementById("tip");
  root.setAttribute("data-tip", tip.hidden ? "" : tip.textContent);
  var item = document.querySelector("ol.findings li");
  item.dispatchEvent(new MouseEvent("mouseenter"));
  root.setAttribute("data-lit", String(document.querySelectorAll(".hl").length));
})();
</script>"""


@pytest.fixture(scope="module")
def report(run_cli_shared, fixtures_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    extra = folder / "notes.md"
    extra.write_text(EXTRA, encoding="utf-8")
    bad = folder / "latin1.txt"
    bad.write_bytes("Comparte este artículo\n".encode("cp1252") + bytes(range(0x80, 0x100)))  # no encoding fits (Windows-1252 alone is detected)
    out = folder / "report.html"
    result = run_cli_shared("check", fixtures_dir, extra, bad, "--html", out, "--fail-under", "80", "--quiet")
    assert result.returncode == 2, result  # the unreadable file; the report is still written
    return out, out.read_text(encoding="utf-8"), folder


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, encoding="utf-8", errors="replace")


def _console_lines(stderr: str) -> list[str]:
    # Chromium logs every console message (and CSP refusals) as ...:CONSOLE(...)
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


# --------------------------------------------------------------------------- the file itself
def test_report_is_self_contained(report):
    path, page, folder = report
    assert sorted(p.name for p in folder.iterdir()) == ["latin1.txt", "notes.md", "report.html"]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # nothing to fetch: every src/href is an in-page anchor or a data: URL
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", page)
    assert refs and all(ref.startswith(("#", "data:")) for ref in refs), refs
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]  # the SVG namespace
    assert "@import" not in page and "url(" not in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1


def test_report_content(report):
    _, page, _ = report
    for name in SEED_NAMES.values():
        assert name in page
    assert "<svg" in page and 'class="before"' in page and 'class="after"' in page
    assert "fail-under 80" in page  # the threshold on the chart
    assert "latin1.txt" in page and "UTF-8" in page  # the unreadable input is listed
    # the document's own markup is text, never markup of the page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert '<span class="cc">U+200B</span>' in page  # the invisible character is shown
    assert '<ins class="fix"' in page and ">í</ins>" in page  # the replacement next to what it replaces
    first = cleaned_seed("001").findings[0]
    assert unescape(f"{first.rule} {first.name} [{first.severity}]: {first.message}") in unescape(page)


def test_views_are_bounded(monkeypatch):
    monkeypatch.setattr(html_report, "VIEW_LIMIT", 2)
    stream = io.StringIO()
    renderer = html_report.HtmlRenderer(stream)
    texts = {"a.txt": "Fine text here.\n", "b.txt": "Author: HGV\nThe artÃculo.\n", "c.txt": "Author: X\nBody.\n"}
    for path, text in texts.items():
        renderer.file(Outcome(Input(path, None, True), result=cleanse.clean(text), original=text))
    renderer.close()
    page = stream.getvalue()
    views = re.findall(r'<details class="doc" id="f(\d+)"', page)
    assert sorted(views) == ["1", "2"]  # a.txt scores best and loses its view
    assert "Showing the text of the 2 lowest-scoring files; the table lists all 3." in page


def test_clean_writes_a_report_too(run_cli, seed_paths, tmp_path):
    out = tmp_path / "clean.html"
    result = run_cli("clean", seed_paths["001"], "--output-dir", tmp_path / "cleaned", "--html", out)
    assert result.returncode == 0, result
    assert f"wrote HTML report {out}" in result.stderr
    assert SEED_NAMES["001"] in out.read_text(encoding="utf-8")


def test_records_without_their_text_are_listed_without_a_view(run_cli, tmp_path):
    # A record's text reaches the report only in a run that shows source
    # lines (check --format text). Any other --html run over records marked
    # their findings in an empty text and ended in an IndexError, no report
    # written. The records are in the table now, with no view.
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": f"Author: HGV\nThe council met on Monday, item {i}.\n"})
                              + "\n" for i in range(3)), encoding="utf-8")
    clean, check = run_cli.many([
        ("clean", source, "--output-dir", tmp_path / "cleaned", "--html", tmp_path / "clean.html", "--isolated"),
        ("check", source, "--format", "jsonl", "--html", tmp_path / "check.html", "--isolated")])
    assert clean.returncode == check.returncode == 0, (clean, check)
    for name in ("clean.html", "check.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert all(f">{source}#{i}</td>" in page for i in range(3))
        assert '<details class="doc"' not in page and '<p class="meta">3 files · ' in page


# --------------------------------------------------------------------------- in the browser
def test_renders_without_console_errors_and_works(report, tmp_path):
    path, page, _ = report
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("<head>", "<head>" + ERROR_HOOK, 1).replace("</body>", INTERACTIONS + "</body>", 1),
                     encoding="utf-8")
    run = _chromium(tmp_path, "--dump-dom", probe.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    root = re.search(r"<html[^>]*>", dom).group(0)
    attributes = {k: unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', root)}
    assert "data-errors" not in attributes, attributes.get("data-errors")
    assert _console_lines(run.stderr) == []
    assert attributes.get("data-ready") == "1"  # the page's script ran to the end
    scores = [float(s) for s in attributes["data-initial"].split(",")]
    assert scores == sorted(scores)  # worst first
    assert [float(s) for s in attributes["data-descending"].split(",")] == sorted(scores, reverse=True)
    assert [float(s) for s in attributes["data-ascending"].split(",")] == sorted(scores)
    assert "ENC001 lossy-mojibake [error]" in attributes["data-tip"]
    assert int(attributes["data-lit"]) >= 1


def test_screenshot(report, tmp_path):
    path, _, _ = report
    shot = tmp_path / "report.png"
    run = _chromium(tmp_path, "--window-size=1280,1700", f"--screenshot={shot}", path.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_lines(run.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1700)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
