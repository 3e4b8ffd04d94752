"""``--html FILE``: one self-contained page for the person deciding what to keep.

Everything is inline (CSS, a little JavaScript, the chart as SVG) and a
Content-Security-Policy forbids the page any network access, so the file can
be mailed, attached to a CI run or opened offline. It shows

* the score distribution (input and after cleaning, bins of 10) as an SVG
  histogram, with the ``fail-under`` threshold when there is one;
* every file in a table, worst first, sortable by any column;
* for the worst files, the original text with each finding's span marked:
  removed (struck out, red), replaced (amber, with the replacement in green
  after it) and reported only (underlined by severity). Hovering a span shows
  its rules and messages (``title`` without JavaScript); hovering a finding in
  the list under the text lights its span up.

Memory stays bounded on big batches: one small summary per file, and the
text of at most ``VIEW_LIMIT`` files (the lowest scores; a heap drops the
rest as they arrive) within ``TEXT_BUDGET`` characters.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..document import Document, Finding
from .base import Options, Renderer, display_path, fix_note, printable, visible_end

if TYPE_CHECKING:
    from ..batch import Outcome

VIEW_LIMIT = 200  # files whose text the page shows
TEXT_LIMIT = 400_000  # characters of one file's text shown; longer files list findings only
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class FileEntry:
    index: int
    path: str
    score: float
    score_after: float
    language: str | None
    reasons: list[str]
    counts: dict[str, int]  # by severity
    categories: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None  # None: no view (over the limits)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class HtmlRenderer(Renderer):
    def __init__(self, stream: Any, options: Options | None = None, title: str = "cleanse report",
                 command_line: str = "", fail_under: float | None = None) -> None:
        super().__init__(stream, options)
        self.title = title
        self.command_line = command_line
        self.fail_under = fail_under
        self.entries: list[FileEntry] = []
        self.errors: list[str] = []
        # what the page lacks, said at its top: a --resume run whose earlier
        # run's findings were not there to read back (cli._Sinks)
        self.notes: list[str] = []
        self._heap: list[tuple[float, int]] = []  # (-score, index): the best-scoring view is dropped first

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        result = outcome.result
        if result is None:
            return
        counts = {"error": 0, "warning": 0, "info": 0}
        categories: dict[str, int] = {}
        for f in result.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
            categories[f.category] = categories.get(f.category, 0) + 1
        entry = FileEntry(
            index=len(self.entries), path=display_path(outcome), score=result.score, score_after=result.score_after,
            language=result.language, reasons=list(reasons),
            counts=counts, categories=dict(sorted(categories.items())),
        )
        self.entries.append(entry)
        original = outcome.original
        # A record's text comes back from the workers only for a run that
        # shows source lines (check --format text): without it the view
        # marked the record's findings in an empty text, and `clean
        # data.jsonl --output-dir out --html r.html` ended in an IndexError,
        # no report written. Such a record is in the table, without a view.
        if original is not None and len(original) <= TEXT_LIMIT:
            entry.text = original
            entry.findings = list(result.findings)
            heapq.heappush(self._heap, (-entry.score, -entry.index))
            if len(self._heap) > VIEW_LIMIT:
                _, dropped = heapq.heappop(self._heap)  # the highest score (latest on ties) loses its view
                self.entries[-dropped].text = None
                self.entries[-dropped].findings = []

    def error(self, outcome: Outcome) -> None:
        if not outcome.skipped:
            self.errors.append(printable(outcome.error or outcome.input.path))

    def close(self) -> None:
        self.stream.write(render_page(self.entries, self.errors, self.title, self.command_line, self.fail_under,
                                      self.notes))


# --------------------------------------------------------------------------- page
def render_page(entries: list[FileEntry], errors: list[str], title: str = "cleanse report",
                command_line: str = "", fail_under: float | None = None, notes: Sequence[str] = ()) -> str:
    ordered = sorted(entries, key=lambda e: (e.score, e.path))
    total_findings = sum(e.total for e in entries)
    failing = sum(1 for e in entries if e.reasons)
    mean = sum(e.score for e in entries) / len(entries) if entries else 100.0
    mean_after = sum(e.score_after for e in entries) / len(entries) if entries else 100.0
    severities = {s: sum(e.counts.get(s, 0) for e in entries) for s in ("error", "warning", "info")}
    views = [e for e in ordered if e.text is not None]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # No network, ever: the page may only use what it carries.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{len(entries)} file{_s(len(entries))} · {total_findings} finding{_s(total_findings)} · '
        f"mean score {mean:.1f} → {mean_after:.1f} after cleaning"
        + (f" · <code>{escape(command_line)}</code>" if command_line else "")
        + f" · cleanse {escape(__version__)}</p>",
        "</header>",
        *(f'<p class="lacks">{escape(note)}</p>' for note in notes),
        '<section class="overview">',
        _chart(entries, fail_under),
        '<div class="cards">',
        _card("files", str(len(entries))),
        _card("failing", str(failing), "bad" if failing else "good"),
        _card("errors", str(severities["error"]), "bad" if severities["error"] else ""),
        _card("warnings", str(severities["warning"])),
        _card("info", str(severities["info"])),
        "</div></section>",
    ]
    if errors:
        out.append('<section class="errors"><h2>Inputs that could not be read</h2><ul>')
        out += [f"<li>{escape(message)}</li>" for message in errors]
        out.append("</ul></section>")
    out.append(_table(ordered))
    out.append('<section class="views"><h2>Documents</h2>')
    if len(views) < len(entries):
        out.append(f'<p class="note">Showing the text of the {len(views)} lowest-scoring files; '
                   f"the table lists all {len(entries)}.</p>")
    out.append('<p class="legend"><span class="rm">removed</span> <span class="rp">replaced</span>'
               '<ins class="fix">replacement</ins> <span class="rep sev-warning">reported</span> '
               "— hover a mark for its rule and message</p>")
    for position, entry in enumerate(views):
        out.append(_view(entry, open_=position == 0))
    out.append("</section>")
    out.append('<div id="tip" role="tooltip" hidden></div>')
    out.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "\n".join(out)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _card(label: str, value: str, tone: str = "") -> str:
    return f'<div class="card {tone}"><div class="value">{escape(value)}</div><div class="label">{escape(label)}</div></div>'


def _chart(entries: list[FileEntry], fail_under: float | None) -> str:
    """Grouped histogram of input and output scores in bins of 10 (100 joins the top bin)."""
    bins_before, bins_after = [0] * 10, [0] * 10
    for e in entries:
        bins_before[min(9, int(e.score // 10))] += 1
        bins_after[min(9, int(e.score_after // 10))] += 1
    width, height, left, bottom, top = 640, 240, 40, 34, 16
    plot_w, plot_h = width - left - 12, height - bottom - top
    most = max([1, *bins_before, *bins_after])
    # a round number of files per grid line, at most 5 lines above zero
    step_count = next(s for s in (m * 10**e for e in range(12) for m in (1, 2, 5)) if most <= 5 * s)
    lines = -(-most // step_count)
    peak = step_count * lines
    step = plot_w / 10
    bar = step * 0.36
    parts = [f'<figure class="chart"><svg viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Histogram of scores before and after cleaning" xmlns="http://www.w3.org/2000/svg">']
    for k in range(lines + 1):  # horizontal grid lines labelled with file counts
        y = top + plot_h - plot_h * k / lines
        parts.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{step_count * k}</text>')
    for i in range(10):
        x0 = left + i * step + (step - 2 * bar) / 2
        for j, (series, css) in enumerate(((bins_before, "before"), (bins_after, "after"))):
            h = plot_h * series[i] / peak
            x = x0 + j * bar
            y = top + plot_h - h
            label = "input" if css == "before" else "after cleaning"
            parts.append(f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}">'
                         f"<title>{series[i]} file{_s(series[i])} scoring {i * 10}–{i * 10 + 10} ({label})</title></rect>")
            if series[i]:
                parts.append(f'<text class="count" x="{x + bar / 2:.1f}" y="{y - 3:.1f}" '
                             f'text-anchor="middle">{series[i]}</text>')
        parts.append(f'<text class="tick" x="{left + i * step + step / 2:.1f}" y="{top + plot_h + 16}" '
                     f'text-anchor="middle">{i * 10}–{i * 10 + 10}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}"/>')
    if fail_under is not None:
        x = left + plot_w * fail_under / 100
        parts.append(f'<line class="threshold" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{top + plot_h}"/>'
                     f'<text class="tick" x="{x + 4:.1f}" y="{top + 6}">fail-under {fail_under:g}</text>')
    parts.append(f'<text class="tick" x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle">score</text>')
    parts.append("</svg><figcaption>Score distribution "
                 '<span class="key before"></span>input <span class="key after"></span>after cleaning'
                 "</figcaption></figure>")
    return "".join(parts)


def _table(ordered: list[FileEntry]) -> str:
    head = [("File", "text"), ("Score", "num"), ("After", "num"), ("Lang", "text"), ("Findings", "num"),
            ("Errors", "num"), ("Warnings", "num"), ("Info", "num"), ("Status", "text")]
    out = ['<section class="files"><h2>Files</h2><table id="files"><thead><tr>']
    for i, (label, kind) in enumerate(head):
        sort = ' aria-sort="ascending"' if label == "Score" else ""
        out.append(f'<th data-kind="{kind}" data-col="{i}"{sort}><button type="button">{label}</button></th>')
    out.append("</tr></thead><tbody>")
    for e in ordered:
        link = f'<a href="#f{e.index}">{escape(e.path)}</a>' if e.text is not None else escape(e.path)
        status = ('<span class="badge bad" title="' + escape("; ".join(e.reasons)) + '">fails</span>') if e.reasons \
            else '<span class="badge good">passes</span>'
        cells = [
            (link, e.path), (f"{e.score:.1f}", e.score), (f"{e.score_after:.1f}", e.score_after),
            (escape(e.language or "?"), e.language or ""), (str(e.total), e.total),
            (str(e.counts["error"]), e.counts["error"]), (str(e.counts["warning"]), e.counts["warning"]),
            (str(e.counts["info"]), e.counts["info"]), (status, 1 if e.reasons else 0),
        ]
        row = "".join(f'<td data-value="{escape(str(value))}"{_score_class(i, value)}>{shown}</td>'
                      for i, (shown, value) in enumerate(cells))
        out.append(f'<tr data-target="f{e.index}">{row}</tr>')
    out.append("</tbody></table></section>")
    return "".join(out)


def _score_class(column: int, value: Any) -> str:
    if column not in (1, 2):
        return ""
    tone = "good" if value >= 90 else "fair" if value >= 70 else "bad"
    return f' class="score {tone}"'


def _view(entry: FileEntry, open_: bool) -> str:
    text = entry.text or ""
    doc = Document(text)
    findings = entry.findings
    counts = ", ".join(f"{n} {cat}" for cat, n in entry.categories.items()) or "no findings"
    reasons = (f' <span class="badge bad">fails: {escape("; ".join(entry.reasons))}</span>' if entry.reasons
               else ' <span class="badge good">passes</span>')
    out = [
        f'<details class="doc" id="f{entry.index}"{" open" if open_ else ""}>',
        f'<summary><span class="path">{escape(entry.path)}</span> '
        f'<span class="score {_tone(entry.score)}">{entry.score:.1f}</span> → '
        f'<span class="score {_tone(entry.score_after)}">{entry.score_after:.1f}</span> '
        f'<span class="muted">({escape(entry.language or "?")}) · {escape(counts)}</span>{reasons}</summary>',
        '<div class="text">',
    ]
    out += _lines(doc, findings, entry.index)
    out.append("</div>")
    if findings:
        out.append('<ol class="findings">')
        for i, f in enumerate(findings):
            out.append(
                f'<li data-f="{i}"><a href="#f{entry.index}-l{f.line}">{f.line}:{f.column}</a> '
                f'<b class="rule sev-{f.severity}">{f.rule}</b> <span class="muted">{f.name} · {f.severity}</span> '
                f"{escape(f.message)}<span class=\"muted\">{escape(fix_note(f))}</span></li>"
            )
        out.append("</ol>")
    out.append("</details>")
    return "\n".join(out)


def _tone(score: float) -> str:
    return "good" if score >= 90 else "fair" if score >= 70 else "bad"


def _kind(f: Finding) -> str:
    return "rm" if f.replacement == "" else "rp" if f.replacement is not None else "rep"


def _lines(doc: Document, findings: list[Finding], file_index: int) -> list[str]:
    """One row per line: a number and the text cut at every span boundary, each
    piece marked with the findings covering it."""
    text = doc.text
    removals = [(f.start, visible_end(text, f)) for f in findings if f.replacement == ""]
    by_line: dict[int, list[tuple[int, int, int, int]]] = {}  # line index -> (start, end, true end, finding)
    for i, f in enumerate(findings):
        start, end = f.start, max(f.start, visible_end(text, f))
        first, last = doc.line_index(start), doc.line_index(max(start, end - 1))
        for index in range(first, last + 1):
            line = doc.lines[index]
            a, b = max(start, line.start), min(end, line.end)
            if a < b or start == end:
                by_line.setdefault(index, []).append((a, b, end, i))
    rows = []
    for line in doc.lines:
        here = by_line.get(line.index, [])
        cuts = sorted({line.start, line.end, *(p for a, b, _, _ in here for p in (a, b))})
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = [i for s, e, _, i in here if s <= a and b <= e and e > s]
            pieces.append(_piece(text[a:b], covering, findings))
            # a replacement is shown right after the text it replaces, unless
            # a removal takes the whole span anyway
            for s, e, true_end, i in here:
                f = findings[i]
                if (f.replacement and e > s and true_end == b
                        and not any(ra <= f.start and true_end <= rb for ra, rb in removals)):
                    pieces.append(f'<ins class="fix" data-f="{i}" title="{escape(_tip([i], findings))}">'
                                  f"{_visible(f.replacement)}</ins>")
        for s, e, _, i in here:  # zero-width findings (a position, not a span)
            if s == e:
                pieces.append(f'<span class="rep caret sev-{findings[i].severity}" data-f="{i}" '
                              f'title="{escape(_tip([i], findings))}">‸</span>')
        rows.append(f'<div class="ln" id="f{file_index}-l{line.number}"><span class="no">{line.number}</span>'
                    f'<span class="tx">{"".join(pieces)}</span></div>')
    return rows


def _piece(chunk: str, covering: list[int], findings: list[Finding]) -> str:
    if not chunk:
        return ""
    if not covering:
        return _visible(chunk)
    kinds = {_kind(findings[i]) for i in covering}
    kind = "rm" if "rm" in kinds else "rp" if "rp" in kinds else "rep"
    worst = max((findings[i].severity for i in covering), key=lambda s: SEVERITY_RANK.get(s, 0))
    ids = " ".join(str(i) for i in covering)
    return (f'<span class="{kind} sev-{worst}" data-f="{ids}" title="{escape(_tip(covering, findings))}">'
            f"{_visible(chunk)}</span>")


def _tip(covering: list[int], findings: list[Finding]) -> str:
    return "\n".join(f"{findings[i].rule} {findings[i].name} [{findings[i].severity}]: "
                     f"{findings[i].message}{fix_note(findings[i])}" for i in covering)


def _visible(chunk: str) -> str:
    """HTML for ``chunk``, with characters a browser would not show (controls,
    zero-width and format characters, a soft hyphen) drawn as small labels:
    they are often exactly what a finding is about."""
    out = []
    for ch in chunk:
        code = ord(ch)
        category = unicodedata.category(ch)
        if ch == "\t":
            out.append(ch)
        elif category in ("Cc", "Cs", "Co", "Zl", "Zp") or (category == "Cf" and ch not in "\u200c\u200d"):
            out.append(f'<span class="cc">U+{code:04X}</span>')
        else:
            out.append(escape(ch))
    return "".join(out)


CSS = """
:root{--fg:#1d2330;--muted:#667085;--line:#e4e7ec;--bg:#fff;--panel:#f7f8fa;--good:#12805c;--fair:#b26b00;
--bad:#c8372d;--before:#f59f45;--after:#2f9e72;--info:#2d6cdf}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}header,section{padding:0 28px}header{padding-top:20px;
border-bottom:1px solid var(--line);background:var(--panel)}h1{margin:0 0 4px;font-size:22px}
h2{font-size:17px;margin:22px 0 10px}.meta{margin:0 0 14px;color:var(--muted)}code{font-size:12px;
background:#eef0f4;padding:1px 5px;border-radius:4px}.overview{display:flex;gap:28px;align-items:flex-start;
flex-wrap:wrap;padding-top:18px}.chart{margin:0;flex:1 1 560px;max-width:720px}.chart svg{width:100%;height:auto}
.chart figcaption{color:var(--muted);font-size:13px;margin-top:4px}.key{display:inline-block;width:11px;
height:11px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}.key.before,rect.before{background:var(--before);
fill:var(--before)}.key.after,rect.after{background:var(--after);fill:var(--after)}.grid{stroke:var(--line)}
.axis{stroke:#98a2b3}.threshold{stroke:var(--bad);stroke-dasharray:4 3;stroke-width:1.5}.tick{font-size:11px;
fill:var(--muted)}.count{font-size:10px;fill:var(--fg)}.cards{display:grid;grid-template-columns:repeat(auto-fill,
minmax(110px,1fr));gap:10px;flex:1 1 260px;max-width:420px}.card{border:1px solid var(--line);border-radius:8px;
padding:10px 12px;background:var(--bg)}.card .value{font-size:24px;font-weight:650}.card .label{color:var(--muted);
font-size:12px;text-transform:uppercase;letter-spacing:.04em}.card.bad .value{color:var(--bad)}
.card.good .value{color:var(--good)}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td:first-child{white-space:normal;word-break:break-all}th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" ▲";font-size:10px}th[aria-sort=descending] button::after{content:" ▼";
font-size:10px}tbody tr{cursor:pointer}tbody tr:hover{background:var(--panel)}td.score{font-variant-numeric:tabular-nums;
font-weight:600}.score.good{color:var(--good)}.score.fair{color:var(--fair)}.score.bad{color:var(--bad)}
.badge{font-size:11px;border-radius:10px;padding:1px 8px;font-weight:600}.badge.bad{background:#fde4e1;color:var(--bad)}
.badge.good{background:#dcf4e8;color:var(--good)}.muted{color:var(--muted)}.note{color:var(--muted)}
.legend span,.legend ins{margin-right:4px;padding:1px 4px}details.doc{border:1px solid var(--line);border-radius:8px;
margin:0 0 14px;background:var(--bg)}details.doc>summary{padding:10px 14px;cursor:pointer;background:var(--panel);
border-radius:8px}details.doc[open]>summary{border-bottom:1px solid var(--line);border-radius:8px 8px 0 0}
.path{font-weight:600;word-break:break-all}.text{font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
padding:8px 0;overflow-x:auto}.ln{display:flex}.ln:target{background:#fffbe6}.no{flex:0 0 48px;text-align:right;
padding-right:12px;color:#98a2b3;user-select:none}.tx{white-space:pre-wrap;word-break:break-word;flex:1;
padding-right:14px}.rm{background:#fde4e1;color:#8a1f17;text-decoration:line-through;text-decoration-color:#c8372d}
.rp{background:#ffefc2;text-decoration:line-through;text-decoration-color:#b26b00}ins.fix{background:#d3f3e2;
color:#0b5e3f;text-decoration:none;border-radius:2px;padding:0 1px}.rep{text-decoration:underline wavy;
text-decoration-thickness:1px;text-underline-offset:3px}.rep.sev-info{text-decoration-color:var(--info)}
.rep.sev-warning{text-decoration-color:#e08600;background:#fff8e8}.rep.sev-error{text-decoration-color:var(--bad)}
[data-f]{cursor:help}.hl{outline:2px solid #2d6cdf;outline-offset:1px;border-radius:2px}.cc{font-size:9px;
border:1px solid currentColor;border-radius:3px;padding:0 2px;margin:0 1px;vertical-align:1px}
ol.findings{margin:0;padding:8px 18px 12px 44px;border-top:1px solid var(--line);font-size:13px}
ol.findings li{padding:2px 0}ol.findings li:hover{background:var(--panel)}.rule{font-family:ui-monospace,monospace}
.rule.sev-error{color:var(--bad)}.rule.sev-warning{color:#b26b00}.rule.sev-info{color:var(--info)}
.errors li,.lacks{color:var(--bad)}.lacks{margin:14px 28px 0;font-weight:600}
#tip{position:fixed;z-index:10;max-width:460px;background:#1d2330;color:#fff;
font-size:12px;line-height:1.45;padding:7px 10px;border-radius:6px;white-space:pre-wrap;pointer-events:none;
box-shadow:0 4px 14px rgba(0,0,0,.25)}
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("files");
  // Sortable columns: click a header; numbers compare as numbers.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var col = Number(th.dataset.col), numeric = th.dataset.kind === "num";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? d : -d;
      });
      rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
    });
  });
  // A row opens its document.
  table.tBodies[0].addEventListener("click", function (event) {
    var row = event.target.closest("tr"), view = row && document.getElementById(row.dataset.target);
    if (!view) { return; }
    view.open = true;
    if (event.target.tagName !== "A") { view.scrollIntoView({block: "start"}); }
  });
  // Tooltips: the title text, shown at once and styled; titles are moved to
  // data-tip so the browser's own tooltip does not appear twice.
  var tip = document.getElementById("tip");
  document.querySelectorAll("[title][data-f]").forEach(function (el) {
    el.dataset.tip = el.getAttribute("title");
    el.removeAttribute("title");
  });
  function place(event) {
    var x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = event.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight) { y = event.clientY - tip.offsetHeight - 10; }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  document.addEventListener("mouseover", function (event) {
    var el = event.target.closest("[data-tip]");
    if (!el) { tip.hidden = true; return; }
    tip.textContent = el.dataset.tip;
    tip.hidden = false;
    place(event);
  });
  document.addEventListener("mousemove", function (event) { if (!tip.hidden) { place(event); } });
  // Hovering a finding in a list lights up its spans in the text above.
  document.querySelectorAll("ol.findings li").forEach(function (li) {
    var doc = li.closest("details"), id = li.dataset.f;
    function marks() {
      return Array.prototype.filter.call(doc.querySelectorAll(".text [data-f]"), function (el) {
        return el.dataset.f.split(" ").indexOf(id) >= 0;
      });
    }
    li.addEventListener("mouseenter", function () { marks().forEach(function (el) { el.classList.add("hl"); }); });
    li.addEventListener("mouseleave", function () { marks().forEach(function (el) { el.classList.remove("hl"); }); });
  });
  document.documentElement.dataset.ready = "1";
})();
"""

RENDERER = HtmlRenderer

