"""The review page (extractor.review, `jixiao review`, `jixiao extract --html`).

The browser tests drive Debian's /usr/bin/chromium through playwright's sync API.
Without it they skip, except in CI (CI=true), where they fail: .ci/setup.d/chromium.sh
installs it there. Screenshots go to test-output/.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import extract
from extractor.flat import FINDING_KEYS, dumps, flatten
from extractor.models import FactRef, Finding, Report, Span, Value
from extractor.read import read
from extractor.review import write_review
from extractor.review.payload import build, single_entry, value_list

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
OUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BATCH = ["a01", "a04", "a09", "b05", "b11", "b14", "xj-street-2024"]
XJ = "xj-street-2024.txt"
RULE = "sum.basic"

PWN_TEXT = """<b>测试街道办事处</b>2024年度部门整体支出绩效自评报告
部门(单位)名称: <b>测试街道办事处</b>
<script>window.__pwned = 1</script>
<img src=x onerror="window.__pwned = 2">
一、基本概况
2024年全年预算数为 100.00 万元，执行数为 90.00 万元，预算执行率为 90.00%。</script><!--
"""


# --------------------------------------------------------------------------- batch OUTDIR writer
# A small stand-in for the batch command's output (written by someone else), in
# exactly its layout: reports.jsonl, flat.jsonl, findings.csv, errors.csv,
# summary.json and texts/<sha256>.json.


def write_outdir(outdir: Path, items: list[tuple[str, Report, object]], errors=()) -> Path:
    """items: (file name, Report, Document) triples."""
    (outdir / "texts").mkdir(parents=True, exist_ok=True)
    with (
        (outdir / "reports.jsonl").open("w", encoding="utf-8") as reports,
        (outdir / "flat.jsonl").open("w", encoding="utf-8") as flat,
        (outdir / "findings.csv").open("w", encoding="utf-8", newline="") as findings,
    ):
        fw = csv.writer(findings)
        fw.writerow(["file", "sha256", *FINDING_KEYS])
        for name, report, doc in items:
            sha = doc.sha256
            line = {"sha256": sha, "files": [name], "report": report.model_dump(mode="json")}
            reports.write(json.dumps(line, ensure_ascii=False) + "\n")
            flat.write(dumps({"sha256": sha, "file": name, **flatten(report)}) + "\n")
            for f in report.findings:
                fw.writerow([name, sha, *(getattr(f, k) for k in FINDING_KEYS)])
            text = {"text": doc.text, "page_starts": doc.page_starts, "format": doc.format}
            (outdir / "texts" / f"{sha}.json").write_text(json.dumps(text, ensure_ascii=False), "utf-8")
    with (outdir / "errors.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "sha256", "stage", "kind", "message"])
        w.writerows(errors)
    summary = {"reports": len(items), "errors": len(errors)}
    (outdir / "summary.json").write_text(json.dumps(summary), "utf-8")
    return outdir


def _interval(v: Value) -> tuple[Decimal, Decimal]:
    """The interval a printed figure stands for (half a unit of its last printed place)."""
    half = Decimal(1).scaleb(-v.decimals) / 2 * v.scale
    x = Decimal(str(v.value))
    return x - half, x + half


def _fact(key: str, v: Value) -> FactRef:
    lo, hi = _interval(v)
    return FactRef(key=key, value=str(v.value), interval=(str(lo), str(hi)), span=v.span)


def add_basic_sum_finding(report: Report) -> Finding:
    """Hand-made sum check: 人员经费 + 公用经费 against 基本支出 (the validator may not exist yet)."""
    b = report.budget.basic
    parts = [("budget.basic.personnel", b.personnel), ("budget.basic.public", b.public)]
    facts = [_fact(k, v) for k, v in parts] + [_fact("budget.basic.budget", b.budget)]
    lo = sum(_interval(v)[0] for _, v in parts)
    hi = sum(_interval(v)[1] for _, v in parts)
    wan = [f"{Decimal(str(v.value)) / 10000:.2f}" for _, v in parts]
    total, stated = f"{(lo + hi) / 2 / 10000:.2f}", f"{Decimal(str(b.budget.value)) / 10000:.2f}"
    finding = Finding(
        rule=RULE,
        severity="error",
        message_zh=f"人员经费 {wan[0]} + 公用经费 {wan[1]} = {total} 万元，与基本支出 {stated} 万元不符",
        message_en=f"{wan[0]} + {wan[1]} = {total} ≠ stated {stated} (万元): 基本支出 is not its parts' sum",
        facts=facts,
        computed=(str(lo), str(hi)),
        reported=tuple(str(x) for x in _interval(b.budget)),
    )
    report.findings.append(finding)
    return finding


def add_rate_finding(report: Report, severity: str = "info") -> Finding:
    """Hand-made ratio check: executed / adjusted against the stated execution rate."""
    bud = report.budget
    ex, adj, rate = _interval(bud.executed), _interval(bud.adjusted), _interval(bud.execution_rate)
    lo, hi = ex[0] / adj[1] * 100, ex[1] / adj[0] * 100
    ok = lo <= rate[1] and rate[0] <= hi
    e, a = (f"{Decimal(str(v.value)) / 10000:.2f}" for v in (bud.executed, bud.adjusted))
    mid = (lo + hi) / 2
    finding = Finding(
        rule="ratio.execution_rate",
        severity=severity,
        message_zh=f"执行数 {e} / 预算数 {a} = {mid:.3f}…%，报告 {bud.execution_rate.raw}",
        message_en=f"{e} / {a} = {mid:.3f}…% vs stated {bud.execution_rate.raw} {'✓' if ok else '✗'}",
        facts=[
            _fact("budget.executed", bud.executed),
            _fact("budget.adjusted", bud.adjusted),
            _fact("budget.execution_rate", bud.execution_rate),
        ],
        computed=(str(lo), str(hi)),
        reported=(str(rate[0]), str(rate[1])),
    )
    report.findings.append(finding)
    return finding


def fixtures_batch(tmp: Path) -> tuple[Path, list[tuple[str, Report, object]]]:
    """The fixtures batch with known findings: 基本支出 of xj-street-2024 misprinted (2983.08 for 2938.08)."""
    items = []
    for stem in BATCH:
        path = CORPUS / f"{stem}.txt"
        if stem == "xj-street-2024":
            text = path.read_text(encoding="utf-8")
            assert "基本支出全年预算总额 2938.08" in text
            path = tmp / "src" / XJ
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                text.replace("基本支出全年预算总额 2938.08", "基本支出全年预算总额 2983.08"), "utf-8"
            )
        report, doc = extract(path), read(path)
        if stem == "xj-street-2024":
            assert report.budget.basic.budget.value == Decimal("29830800")
            if not any(f.rule == RULE for f in report.findings):
                add_basic_sum_finding(report)
            if not any(f.rule == "ratio.execution_rate" for f in report.findings):
                add_rate_finding(report)
        if stem == "b14" and report.budget.execution_rate is not None:
            report.findings.append(
                Finding(
                    rule="range.execution_rate",
                    severity="warning",
                    message_zh=f"预算执行率 {report.budget.execution_rate.raw} 偏低",
                    message_en=f"execution rate {report.budget.execution_rate.raw} is low",
                    facts=[
                        FactRef(
                            key="budget.execution_rate",
                            value=str(report.budget.execution_rate.value),
                            span=report.budget.execution_rate.span,
                        )
                    ],
                )
            )
        items.append((path.name, report, doc))
    errors = [("broken.pdf", "0" * 64, "read", "InputError", "broken.pdf: PDF without text layer")]
    return write_outdir(tmp / "out", items, errors), items


def pwn_batch(tmp: Path) -> tuple[Path, Report]:
    """A report whose text, unit name, file name and finding carry markup."""
    path = tmp / "pwn.txt"
    path.write_text(PWN_TEXT, encoding="utf-8")
    report, doc = extract(path), read(path)
    start = PWN_TEXT.index("<b>测试街道办事处</b>", 20)
    unit = "<b>测试街道办事处</b>"
    span = Span(page=1, line=2, start=start, end=start + len(unit), text=unit)
    report.report.unit_name = Value(value=unit, raw=unit, span=span)
    s = PWN_TEXT.index("<script>")
    script = "<script>window.__pwned = 1</script>"
    report.findings.append(
        Finding(
            rule="x.<script>",
            severity="error",
            message_zh="<script>window.__pwned = 3</script>",
            message_en='<img src=x onerror="window.__pwned = 4">',
            facts=[
                FactRef(
                    key="<i>k</i>", value="1", span=Span(line=3, start=s, end=s + len(script), text=script)
                )
            ],
        )
    )
    return write_outdir(tmp / "out", [("<i>pwn.txt", report, doc)]), report


# --------------------------------------------------------------------------- browser


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; see .ci/setup.d/chromium.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install '.[test]')"
    return None


def require_browser() -> None:
    """Skip without a browser; in CI (CI=true) fail instead, since CI installs one."""
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-chromium"):
        require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no-chromium"):
        require_browser()


class Page:
    """A playwright page that records console errors and uncaught exceptions."""

    def __init__(self, browser, width=1440, height=900):
        # CSP off: playwright's wait_for_function evaluates strings, and the escaping tests
        # must hold without the page's Content-Security-Policy as a safety net.
        self.context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, html: Path, hash_: str = ""):
        self.page.goto(html.resolve().as_uri() + hash_)
        self.page.wait_for_function("window.jixiaoReview && window.jixiaoReview.ready")
        return self.page

    def close(self):
        self.context.close()


def shot(page, name: str) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5000
    return path


def test_batch_page_in_browser(browser, tmp_path):
    outdir, items = fixtures_batch(tmp_path)
    html = OUT / "review-batch.html"
    assert write_review(html, outdir=outdir) == len(BATCH)
    p = Page(browser)
    page = p.open(html)

    # the overview lists every report, and the files that failed
    rows = page.locator("#reports-body tr")
    assert rows.count() == len(BATCH)
    listed = page.locator("#reports-body td.file").all_text_contents()
    assert sorted(listed) == sorted(name for name, _, _ in items)
    assert "broken.pdf" in page.locator("#failed").inner_text()
    assert page.locator("#charts svg").count() == 3
    # report views are not built before they are opened
    assert page.locator("mark.hl").count() == 0
    shot(page, "review-overview.png")

    # filtering by a rule narrows the list to the reports that have it
    with_rule = {name for name, r, _ in items if any(f.rule == RULE for f in r.findings)}
    assert with_rule == {XJ}
    page.select_option("#filter-rule", RULE)
    assert page.locator("#reports-body td.file").all_text_contents() == [XJ]
    page.select_option("#filter-rule", "")
    assert rows.count() == len(BATCH)
    with_errors = sorted(name for name, r, _ in items if any(f.severity == "error" for f in r.findings))
    assert XJ in with_errors and len(with_errors) < len(BATCH)
    page.check("#filter-errors")
    assert sorted(page.locator("#reports-body td.file").all_text_contents()) == with_errors
    page.uncheck("#filter-errors")
    page.select_option("#filter-kind", "project")
    kinds = {r.report.kind.value for _, r, _ in items if r.report.kind}
    assert "project" in kinds
    n_project = sum(1 for _, r, _ in items if r.report.kind and r.report.kind.value == "project")
    assert rows.count() == n_project < len(BATCH)
    page.select_option("#filter-kind", "")
    page.fill("#search", "石油新村")
    page.wait_for_function("document.querySelectorAll('#reports-body tr').length === 1")
    page.fill("#search", "")
    page.wait_for_function(f"document.querySelectorAll('#reports-body tr').length === {len(BATCH)}")

    # sorting by a header
    page.click("#reports-head th[data-key=rate]")
    rates = page.locator("#reports-body td:nth-child(5)").all_text_contents()
    numbers = [float(x) for x in rates if x]
    assert numbers == sorted(numbers) and len(numbers) >= 2
    page.click("#reports-head th[data-key=rate]")
    rates = [float(x) for x in page.locator("#reports-body td:nth-child(5)").all_text_contents() if x]
    assert rates == sorted(rates, reverse=True)

    # open the report with the known finding
    page.click(f"#reports-body a:text-is('{XJ}')")
    page.locator("#overview").wait_for(state="hidden", timeout=10_000)  # the view is built on open
    assert page.locator("#report").is_visible()
    report = next(r for name, r, _ in items if name == XJ)
    marks = page.locator("mark.hl")
    spans = {(v.span.start, v.span.end) for _, v in value_list(report) if v.span}
    assert marks.count() >= len(spans)
    # every value's span is highlighted, labelled with its flat key
    budget = report.budget.basic.budget.span
    m = page.locator(f"mark.hl[data-start='{budget.start}'][data-end='{budget.end}']")
    assert m.count() == 1
    assert m.inner_text() == budget.text
    assert "budget.basic.budget" in m.get_attribute("data-keys").split("\n")
    m.hover()
    assert "budget.basic.budget" in page.locator("#tip").inner_text()

    # clicking the finding highlights exactly the values it used
    finding = next(f for f in report.findings if f.rule == RULE)
    li = page.locator("li.finding", has=page.locator(f".rule:text-is('{RULE}')"))
    assert "✗" in li.locator(".calc").inner_text()
    li.click()
    active = page.locator("mark.hl.active")
    assert active.count() == len(finding.facts)
    got = {(int(a.get_attribute("data-start")), int(a.get_attribute("data-end"))) for a in active.all()}
    assert got == {(f.span.start, f.span.end) for f in finding.facts}
    assert sorted(active.all_inner_texts()) == sorted(f.span.text for f in finding.facts)
    assert any("2983.08" in t for t in active.all_inner_texts())
    assert page.locator("li.finding.selected").count() == 1
    assert active.first.is_visible()  # scrolled into view
    shot(page, "review-report.png")

    # the other finding replaces the emphasis; the ratio is shown with a tick
    rate_li = page.locator("li.finding", has=page.locator(".rule:text-is('ratio.execution_rate')"))
    assert "✓" in rate_li.locator(".calc").inner_text()
    rate_li.click()
    rate = report.budget.execution_rate.span
    assert page.locator("mark.hl.active").count() == 3
    assert page.locator(f"mark.hl.active[data-start='{rate.start}'][data-end='{rate.end}']").count() == 1

    # indicators as a table; a cell scrolls to its value
    ind = page.locator("table.indicators tr")
    assert ind.count() == len(report.indicators) + 1
    assert report.indicators[0].name.value in ind.nth(1).inner_text()

    # back to the overview with the browser's history
    page.go_back()
    page.wait_for_function("!document.getElementById('overview').hidden")
    assert rows.count() == len(BATCH)
    assert p.errors == []
    assert all(u.startswith("file:") for u in p.requests)
    p.close()


def test_escaping_in_browser(browser, tmp_path):
    outdir, report = pwn_batch(tmp_path)
    html = OUT / "review-escape.html"
    write_review(html, outdir=outdir)
    p = Page(browser)
    page = p.open(html)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#reports-body td.unit").inner_text().startswith("<b>测试街道办事处</b>")
    assert page.locator("#reports-body b, #reports-body i").count() == 0
    assert page.locator("#reports-body td.file").inner_text() == "<i>pwn.txt"
    page.click("#reports-body tr")
    pre = page.locator(".source pre")
    assert "<script>window.__pwned = 1</script>" in pre.inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in pre.inner_text()
    assert page.locator("#report img, #report b, #report i, #report script").count() == 0
    assert "<script>window.__pwned = 3</script>" in page.locator("li.finding").inner_text()
    page.locator("li.finding").click()
    assert page.locator("mark.hl.active").inner_text() == "<script>window.__pwned = 1</script>"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "review-escape.png")
    assert p.errors == []
    p.close()


def test_single_report_page_in_browser(browser, tmp_path):
    html = tmp_path / "one.html"
    # in a fresh process: `from extractor import extract` gives the submodule once extractor.extract
    # has been imported (the package's function is shadowed), which this test process has done
    args = ["extract", str(CORPUS / XJ), "--html", str(html), "-o", str(tmp_path / "one.json")]
    result = subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    p = Page(browser)
    page = p.open(html)
    assert not page.locator("#overview").is_visible()
    assert page.locator("#report").is_visible()
    assert page.locator("#report .head a").count() == 0  # no way back to an overview
    report = extract(CORPUS / XJ)
    rate = report.budget.execution_rate.span
    m = page.locator(f"mark.hl[data-start='{rate.start}'][data-end='{rate.end}']")
    assert m.inner_text() == rate.text
    assert page.locator("table.values tr").count() == len(value_list(report)) + 1
    assert p.errors == []
    p.close()


def test_pdf_pages_in_browser(browser, tmp_path):
    """A paged document is shown page by page; a value cut by a page break is highlighted on both."""
    path = CORPUS / XJ
    report, doc = extract(path), read(path)
    rate = report.budget.execution_rate.span
    cut = rate.start + 2  # a page break inside "96.41%"
    second = doc.text.index("\n", len(doc.text) // 2) + 1
    pdf = doc.model_copy(update={"format": "pdf", "page_starts": [0, cut, second]})
    html = tmp_path / "pdf.html"
    write_review(html, report=report, document=pdf)
    p = Page(browser)
    page = p.open(html)
    assert page.locator(".source .page").count() == 3
    assert page.locator(".source .page h3").first.inner_text().endswith("1 / 3")
    pieces = page.locator(f"mark.hl[data-start='{rate.start}'][data-end='{rate.end}']")
    assert pieces.count() == 2
    assert "".join(pieces.all_inner_texts()) == rate.text
    assert page.locator("#page-2 mark.hl").count() > 0 and page.locator("#page-3 mark.hl").count() > 0
    assert p.errors == []
    p.close()


def test_thousand_reports_load_quickly(browser, tmp_path):
    """1000 reports: the overview appears quickly; report views are built only when opened."""
    path = CORPUS / XJ
    report, doc = extract(path), read(path)
    items = [(f"r{i:04d}.txt", report, doc) for i in range(1000)]
    outdir = write_outdir(tmp_path / "out", items)
    html = tmp_path / "big.html"
    t0 = time.monotonic()
    assert write_review(html, outdir=outdir) == 1000
    build_s = time.monotonic() - t0
    p = Page(browser)
    t0 = time.monotonic()
    page = p.open(html)
    assert page.locator("#reports-body tr").count() == 1000
    load_s = time.monotonic() - t0
    assert page.locator("mark.hl").count() == 0
    assert load_s < 10, f"overview of 1000 reports took {load_s:.1f}s"
    page.goto(html.resolve().as_uri() + "#report/999")
    page.wait_for_selector("mark.hl")
    assert "r0999.txt" in page.locator("#report .head").inner_text()
    assert p.errors == []
    p.close()
    size = html.stat().st_size / 1e6
    print(f"1000 reports: {size:.1f} MB, built in {build_s:.1f}s, overview in {load_s:.1f}s")


# --------------------------------------------------------------------------- without a browser


def cli_main():
    from cli import main

    return main


def script_blocks(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


def test_escaping_static(tmp_path):
    outdir, _ = pwn_batch(tmp_path)
    html = tmp_path / "r.html"
    write_review(html, outdir=outdir)
    page = html.read_text(encoding="utf-8")
    # one JSON block for the overview, one per report, and the page's own script
    assert script_blocks(page) == [
        '<script type="application/json" id="overview-data">',
        '<script type="application/json" id="report-0">',
        "<script>",
    ]
    assert page.count("</script>") == 3
    for bad in ("<script>window", "<b>", "<i>", "<img", "<!--"):
        assert bad not in page
    assert "\\u003cscript\\u003ewindow.__pwned = 1\\u003c/script\\u003e" in page
    assert "\\u003cb\\u003e测试街道办事处\\u003c/b\\u003e" in page
    # the JSON still decodes to the original text
    block = re.search(r'<script type="application/json" id="report-0">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["text"] == PWN_TEXT
    # no network: nothing is loaded from elsewhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page


def test_payload_marks_every_value():
    path = CORPUS / XJ
    report = extract(path)
    add_basic_sum_finding(report)
    row, data = build(single_entry(report, read(path)), 0)
    spans = {(v.span.start, v.span.end) for _, v in value_list(report) if v.span}
    assert {(m["s"], m["e"]) for m in data["marks"]} >= spans
    for m in data["marks"]:
        assert data["text"][m["s"] : m["e"]]
    keys = [k for m in data["marks"] for k in m["keys"]]
    # every flat key whose value was read from the text labels a highlight
    spanned = {k for k, v in value_list(report) if v.span}
    assert spanned <= set(keys)
    assert spanned >= {k for k in flatten(report) if not k.startswith("findings.")} - {"report.kind"}
    f = data["findings"][-1]
    assert f["rule"] == RULE and f["ok"] is True  # the unaltered fixture adds up
    assert all(x["m"] is not None for x in f["facts"])
    # the seed's own finding (cross.mention, a warning) and the added error
    assert row["errors"] == 1 and row["rules"] == sorted({"cross.mention", RULE})
    assert row["warnings"] == 1
    assert row["found"] == row["required"] > 0
    assert len(data["indicators"]) == len(report.indicators)


def test_review_command(tmp_path):
    outdir, items = fixtures_batch(tmp_path)
    html = tmp_path / "review.html"
    result = CliRunner().invoke(cli_main(), ["review", str(outdir), "-o", str(html)])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert len(re.findall(r'id="report-\d+"', page)) == len(items)
    # a folder that is not a batch output is an input error
    result = CliRunner().invoke(cli_main(), ["review", str(tmp_path / "src"), "-o", str(html)])
    assert result.exit_code == 3
    assert "reports.jsonl" in result.output


def test_review_tolerates_missing_texts_and_bad_lines(tmp_path):
    outdir, items = fixtures_batch(tmp_path)
    for f in (outdir / "texts").iterdir():
        f.unlink()
        break
    with (outdir / "reports.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    html = tmp_path / "r.html"
    assert write_review(html, outdir=outdir) == len(items)
    page = html.read_text(encoding="utf-8")
    assert '"text_missing":true' in page
    assert "reports.jsonl:" in page


def test_payload_names_the_spreadsheet_cell_of_a_value():
    """A value read from a sheet is located by its cell (自评表!D9), not only by a line of the text."""
    path = ROOT / "fixtures" / "forms" / "p03x.xlsx"
    report = extract(path)
    _, data = build(single_entry(report, read(path)), 0)
    cells = {v["key"]: v["cell"] for v in data["values"]}
    assert cells["budget.initial"] == "自评表!D9"
    assert cells["indicators.1.name"].startswith("自评表!")


# --------------------------------------------------------------------------- original pages and sheet grids

PDF_REPORT = ROOT / "fixtures" / "documents" / "xj-street-2024.pdf"
WORKBOOK = ROOT / "fixtures" / "forms" / "p06x.xlsx"


@pytest.fixture(scope="module")
def paged_batch(tmp_path_factory):
    """A batch of a PDF that raises cross.mention and a workbook that raises ratio.execution_rate;
    the review page is written in another folder, so its links to OUTDIR/pages are relative."""
    from extractor.batch.run import run_batch

    tmp = tmp_path_factory.mktemp("paged")
    out = tmp / "out"
    run_batch([str(PDF_REPORT), str(WORKBOOK)], out, jobs=1)
    html = tmp / "site" / "review.html"
    write_review(html, outdir=out)
    return out, html


def open_with_csp(browser, html: Path, name: str):
    """The review page with its own Content-Security-Policy enforced, one report opened."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.resolve().as_uri())
    page.locator("#reports-body tr").first.wait_for()
    page.click(f"#reports-body a:text-is('{name}')")
    page.locator("#overview").wait_for(state="hidden")
    return context, page, errors


def poll(probe, timeout: float = 15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    return probe()


def overlap(a: dict, b: dict) -> float:
    """Area shared by two rectangles {x, y, width, height}."""
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(0.0, w) * max(0.0, h)


def test_a_pdf_finding_draws_its_box_on_the_page_image_where_the_figure_is(browser, paged_batch):
    from glyphs import glyph_box

    out, html = paged_batch
    sha = hashlib.sha256(PDF_REPORT.read_bytes()).hexdigest()
    texts = json.loads((out / "texts" / f"{sha}.json").read_text(encoding="utf-8"))
    report = next(
        Report.model_validate(json.loads(line)["report"])
        for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["sha256"] == sha
    )
    mention = next(f for f in report.findings if f.rule == "cross.mention")
    fact = mention.facts[0]  # quantities.14: '1086 人' in the prose of page 2
    assert fact.key == "quantities.14" and fact.span.page == 2 and fact.span.bbox
    size = next(p for p in texts["pages"] if p["page"] == 2)

    context, page, errors = open_with_csp(browser, html, PDF_REPORT.name)
    try:
        assert page.locator(".views button.on").inner_text() == "原页 Pages"
        assert page.locator(".pageimg").count() == len(texts["pages"]) == 7
        assert page.locator(".page pre").count() == 0  # the text view is not drawn beside it
        page.click("li.finding[data-rule='cross.mention']")
        boxes = page.locator("mark.box.active")
        assert boxes.count() == 2  # one per fact, on pages 2 and 6
        drawn = boxes.first.bounding_box()
        image = page.locator("#page-2 img")
        assert poll(lambda: image.evaluate("i => i.complete && i.naturalWidth > 0"))  # loaded under the CSP
        img = image.bounding_box()
        sx, sy = img["width"] / size["width"], img["height"] / size["height"]
        x0, top, x1, bottom = fact.span.bbox
        expected = {"x": img["x"] + x0 * sx, "y": img["y"] + top * sy, "width": (x1 - x0) * sx}
        expected["height"] = (bottom - top) * sy
        for k in ("x", "y", "width", "height"):
            assert abs(drawn[k] - expected[k]) <= 2, (k, drawn, expected)
        # the span's box encloses the figure's glyphs as pdfplumber places them …
        g = glyph_box(PDF_REPORT, 2, fact.span.text, fact.span.bbox)
        assert g and all(abs(a - b) <= 1.5 for a, b in zip(fact.span.bbox, g, strict=True))
        glyphs = {"x": img["x"] + g[0] * sx, "y": img["y"] + g[1] * sy, "width": (g[2] - g[0]) * sx}
        glyphs["height"] = (g[3] - g[1]) * sy
        # … so the drawn box covers where the figure shows on the image
        assert overlap(drawn, glyphs) >= 0.8 * glyphs["width"] * glyphs["height"]
        # and clicking the finding scrolled the source pane to it
        pane = page.locator(".source").bounding_box()
        assert pane["y"] <= drawn["y"] and drawn["y"] + drawn["height"] <= pane["y"] + pane["height"]
        shot(page, "review-pdf-pages.png")
        # the text view is still there, one click away
        page.click(".views button[data-view='text']")
        assert page.locator(".page pre").count() == 7 and page.locator("mark.box").count() == 0
        assert not errors, errors
    finally:
        context.close()


def test_a_workbook_is_drawn_as_its_grid_with_the_values_cells_addressed(browser, paged_batch):
    _, html = paged_batch
    doc = read(str(WORKBOOK))
    (table,) = doc.tables
    report = extract(WORKBOOK)
    rate = next(f for f in report.findings if f.rule == "ratio.execution_rate")
    cells = [f.span.address for f in rate.facts]
    assert cells == ["Sheet1!G6", "Sheet1!F6", "Sheet1!I6"]

    context, page, errors = open_with_csp(browser, html, WORKBOOK.name)
    try:
        assert page.locator(".views button.on").inner_text() == "表格 Sheet"
        grid = page.locator("table.sheet")
        assert grid.count() == 1
        assert grid.locator("tr").count() == table.n_rows
        assert grid.locator("td").count() == len(table.cells)  # covered positions hold no cell
        for cell in (c for c in table.cells if c.rowspan > 1 or c.colspan > 1):
            td = grid.locator(f"td[data-cell='{cell.address}']")
            assert td.evaluate("t => [t.rowSpan, t.colSpan]") == [cell.rowspan, cell.colspan], cell.address
        page.click("li.finding[data-rule='ratio.execution_rate']")
        active = grid.locator("td.active")
        assert sorted(active.evaluate_all("ts => ts.map(t => t.dataset.cell)")) == sorted(cells)
        i6 = grid.locator("td[data-cell='Sheet1!I6']")
        assert i6.locator(".addr").inner_text() == "Sheet1!I6" and "100%" in i6.inner_text()
        pane = page.locator(".source").bounding_box()
        box = i6.bounding_box()
        assert pane["y"] <= box["y"] and box["y"] + box["height"] <= pane["y"] + pane["height"]
        shot(page, "review-sheet-grid.png")
        assert not errors, errors
    finally:
        context.close()


def test_extract_html_of_a_pdf_renders_its_pages_beside_the_file(tmp_path):
    html = tmp_path / "one" / "one.html"
    result = CliRunner().invoke(cli_main(), ["extract", str(PDF_REPORT), "--html", str(html)])
    assert result.exit_code == 0, result.output
    sha = hashlib.sha256(PDF_REPORT.read_bytes()).hexdigest()
    names = sorted(p.name for p in (html.parent / "pages").iterdir())
    assert names == sorted(f"{sha}-{n}.webp" for n in range(1, 8))
    page = html.read_text(encoding="utf-8")
    assert f'"src":"pages/{sha}-1.webp"' in page
