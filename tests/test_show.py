"""The review page: its data, and the page itself in headless Chromium (skipped without one).

The browser is Debian's chromium driven through Debian's chromedriver by selenium; nothing is
downloaded. Screenshots are left in tests/artifacts/ (show.png, show-panel.png, show-passage.png).
"""

import io
import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

import gzbg
from conftest import CORPUS, needs_corpus
from gzbg import lexicons
from gzbg.cli import app
from gzbg.extraction.pipeline import excluded_numerals
from gzbg.review.corrections import Correction, apply_corrections, parse_corrections, text_fingerprint
from gzbg.review.page import ReportView, print_report, render_html, render_page

TESTS = Path(__file__).parent
SAMPLE = TESTS.parent / "samples" / "xinxiang-2026-excerpt.txt"
DOC = "samples/xinxiang-2026-excerpt.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
ARTIFACTS = TESTS / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Quiet, offline, and never a driver or browser download: both binaries come from the distribution.
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)
needs_browser = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def frame():
    return gzbg.extract(TEXT, doc=DOC)


def page(text=TEXT, doc=DOC, frame=None, **kwargs):
    frame = gzbg.extract(text, doc=doc) if frame is None else frame
    return render_html(text, doc, frame, excluded_numerals(text), **kwargs)


def page_data(page_html: str) -> dict:
    """The page's data as its script reads it."""
    blob = re.search(r'<script type="application/json" id="gzbg-data">(.*?)</script>', page_html, re.S).group(1)
    return json.loads(blob)


def shown_text(data: dict, report: int = 0) -> str:
    return "".join(p[1] for p in data["reports"][report]["pieces"])


# ---- the page's data ----


def test_report_text_is_data_never_markup_and_kept_whole():
    text = '一、总体要求\n新增就业11万人以上,<script>alert(1)</script> & “引号”"。\r\n建成口袋公园5个。\n'
    out = page(text, doc="<b>report</b>.txt")
    assert "<script>alert(1)" not in out and "</script> &" not in out
    assert "<b>report" not in out and "&lt;b&gt;report&lt;/b&gt;.txt" in out
    assert out.count("<script") == 2  # the page's data and its code, nothing from the report
    data = page_data(out)
    assert shown_text(data) == text  # every character, the CR included
    assert data["reports"][0]["doc"] == "<b>report</b>.txt"


def test_one_row_per_extracted_row_with_its_columns(frame):
    data = page_data(page(frame=frame))
    fields = data["fields"]
    rows = [dict(zip(fields, cells)) for cells in data["reports"][0]["rows"]]
    assert len(rows) == len(frame) == 32
    for r, row in zip(rows, frame.itertuples(index=False)):
        assert (r["start"], r["end"], r["quantity"], r["metric"]) == (row.start, row.end, row.quantity, row.metric)
        assert TEXT[r["start"] : r["end"]] == r["quantity"]
    pipe = next(r for r in rows if r["quantity"] == "120公里")
    assert (pipe["metric"], pipe["value"], pipe["comparator"], pipe["headline"]) == ("地下管网(更新改造)", 120, ">=", False)
    assert set(data["edit"]) == {
        "metric",
        "indicator",
        "value",
        "value_max",
        "unit",
        "comparator",
        "role",
        "period",
        "headline",
        "measure",
        "direction",
        "wording",
        "year",
        "relation",
        "part_kind",
    }
    assert set(data["edit"]) <= set(fields)  # every column the editor corrects is on the page


def test_excluded_numerals_are_carried_with_their_reason():
    data = page_data(page())
    excluded = excluded_numerals(TEXT)
    assert [tuple(x) for x in data["reports"][0]["excluded"]] == [(x.start, x.end, x.reason) for x in excluded]
    assert len(excluded) > 0


def test_standalone_no_address_outside_the_page():
    out = page()
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", out, re.I)
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", out)


def test_outline_counts_rows_per_section(frame):
    data = page_data(page(frame=frame))
    entry = next(o for o in data["reports"][0]["outline"] if o[3] == "(六)着力推动乡村全面振兴")
    assert (entry[4], entry[5]) == ("h", 14)
    assert TEXT[entry[0] : entry[1]] == "(六)着力推动乡村全面振兴"


def test_earlier_corrections_are_carried_and_stale_ones_listed(frame):
    r = frame.iloc[3]
    start = TEXT.index("原拆原建")
    corrections = [
        Correction(DOC, int(r.start), int(r.end), "drop", r.quantity),
        Correction(DOC, start, start + 4, "add", "原拆原建", {"value": 4.0}),
        Correction(DOC, 0, 2, "drop", "不对"),
        Correction("other.txt", 1, 2, "drop", None),
    ]
    report = page_data(page(frame=frame, corrections=corrections))["reports"][0]
    assert [(c["start"], c["action"], c["quantity"]) for c in report["made"]] == [
        (int(r.start), "drop", r.quantity),
        (start, "add", "原拆原建"),
    ]
    assert report["stale"] == ["drop 0–2 不对: the report reads '政府' there"]
    assert "other.txt" not in json.dumps(report, ensure_ascii=False)


NATIONAL_2025 = (
    "一、2024年工作回顾\n过去一年，国内生产总值增长5%。\n二、2025年经济社会发展总体要求和政策取向\n"
    "今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，"
    "城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；居民收入增长和经济增长同步。\n"
    "三、2025年政府工作任务\n建设高标准农田4500万亩。\n"
)


def test_headline_mode_carries_only_the_passages_and_their_rows():
    from gzbg.extraction.pipeline import read_report

    report = read_report(NATIONAL_2025, "n.txt")
    frame = gzbg.extract(NATIONAL_2025, doc="n.txt")
    view = ReportView("n.txt", NATIONAL_2025, frame, tuple(excluded_numerals(NATIONAL_2025)), tuple(report.headlines), "no warning")
    data = page_data(render_page([view], headline_only=True))
    [piece] = data["reports"][0]["pieces"]
    start = NATIONAL_2025.index("主要预期目标")
    assert piece[0] <= start and piece[1].endswith("居民收入增长和经济增长同步。") and piece[2].startswith("headline passage · line 4")
    rows = [dict(zip(data["fields"], cells)) for cells in data["reports"][0]["rows"]]
    assert [r["quantity"] for r in rows] == ["5%", "1200万人", "5.5%", "2%", "居民收入增长和经济增长同步"]
    assert all(r["headline"] for r in rows)
    assert data["headlineOnly"] is True and data["reports"][0]["warnings"] == "no warning"


def test_print_report_highlights_section_by_section(frame):
    buffer = io.StringIO()
    console = Console(file=buffer, width=2000, force_terminal=True, color_system="standard")  # no wrapping
    print_report(TEXT, frame, console, excluded_numerals(TEXT))
    out = buffer.getvalue()
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "(六)着力推动乡村全面振兴  14 rows" in plain
    assert "更新改造地下管网120公里以上" in plain
    assert "\n。" not in plain  # a heading's full stop stays with the heading
    assert re.search(r"\x1b\[[0-9;]*m120公里\x1b\[0m", out)  # styled
    assert plain.rstrip().endswith("32 rows")


# ---- the page in a browser ----


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
    yield driver
    driver.quit()


def open_page(driver, tmp_path, out: str, name="page.html"):
    path = tmp_path / name
    path.write_text(out, encoding="utf-8")
    return open_file(driver, path)


def open_file(driver, path: Path) -> float:
    """Seconds until the page's script has run (its first report is open)."""
    started = time.perf_counter()
    driver.get(path.as_uri())
    return time.perf_counter() - started


def in_view(driver, css):
    """Whether the element is inside both the window and its scrolling pane."""
    return driver.execute_script(
        """
        const m = document.querySelector(arguments[0]), r = m.getBoundingClientRect();
        const pane = m.closest('#text, #rows').getBoundingClientRect();
        return r.height > 0 && r.top >= Math.max(0, pane.top) - 1 && r.bottom <= Math.min(innerHeight, pane.bottom) + 1;
    """,
        css,
    )


def overlaps(driver, a, b) -> bool:
    return driver.execute_script(
        """
        const x = document.querySelector(arguments[0]).getBoundingClientRect();
        const y = document.querySelector(arguments[1]).getBoundingClientRect();
        return x.left < y.right && y.left < x.right && x.top < y.bottom && y.top < x.bottom;""",
        a,
        b,
    )


def js_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def keys(driver, *sequence):
    from selenium.webdriver.common.action_chains import ActionChains

    for k in sequence:
        ActionChains(driver).send_keys(k).perform()


def downloaded(tmp_path, name: str) -> str:
    saved = tmp_path / "downloads" / name
    for _ in range(100):
        if saved.exists() and saved.stat().st_size:
            break
        time.sleep(0.05)
    return saved.read_text(encoding="utf-8-sig")


def select_text(driver, phrase: str) -> None:
    """Select the first occurrence of ``phrase`` in the text pane, as a mouse would: across the
    elements inside it (a numeral marked as not extracted) too."""
    driver.execute_script(
        """
        const pane = document.getElementById('text'), at = pane.textContent.indexOf(arguments[0]);
        const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT), range = document.createRange();
        let node, seen = 0;
        while ((node = walker.nextNode())) {
            const here = seen, next = seen + node.data.length;
            if (at >= here && at < next) range.setStart(node, at - here);
            if (at + arguments[0].length > here && at + arguments[0].length <= next) {
                range.setEnd(node, at + arguments[0].length - here);
                break;
            }
            seen = next;
        }
        getSelection().removeAllRanges(); getSelection().addRange(range);
        pane.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    """,
        phrase,
    )


@needs_browser
def test_browser_table_text_and_outline_move_together_and_screenshot(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By

    open_page(browser, tmp_path, page(frame=frame))
    assert browser.execute_script("return document.querySelectorAll('mark.q').length") == len(frame)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tbody tr")) == len(frame)

    last = f"mark#q{len(frame) - 1}"
    assert not in_view(browser, last)
    browser.find_element(By.CSS_SELECTOR, f'#rows tbody tr[data-mark="q{len(frame) - 1}"]').click()
    assert in_view(browser, last)  # the table row scrolled the text to its highlight

    outline = browser.find_element(By.XPATH, "//div[@id='outline']//a[contains(., '(七)')]")
    outline.click()  # the outline scrolls the text to its heading
    assert in_view(browser, "#" + outline.get_attribute("href").split("#")[1])

    browser.find_element(By.CSS_SELECTOR, "mark#q0").click()  # and back: the highlight selects its row
    assert "sel" in browser.find_element(By.CSS_SELECTOR, '#rows tbody tr[data-mark="q0"]').get_attribute("class")
    assert in_view(browser, '#rows tbody tr[data-mark="q0"]')
    editor = browser.find_element(By.ID, "editor")
    assert frame.loc[0, "metric"] == editor.find_element(By.NAME, "metric").get_attribute("value")
    assert not overlaps(browser, "#editor", "#text")  # the editor never covers the text under review

    headers = browser.find_elements(By.CSS_SELECTOR, "#rows thead th")
    next(h for h in headers if h.text == "value").click()
    values = [float(td.text.replace(",", "")) for td in browser.find_elements(By.CSS_SELECTOR, "#rows tbody td:nth-child(7)")]
    assert values == sorted(values)
    assert "3,000,000,000" in browser.find_element(By.ID, "rows").text  # 30亿元, with separators
    widths = browser.execute_script("""
        const t = document.querySelector('#rows table'), pane = document.getElementById('rows');
        return [t.scrollWidth, pane.scrollWidth, [...t.querySelectorAll('thead th')].map(th => th.offsetWidth)];""")
    assert widths[0] <= widths[1] and min(widths[2]) > 0  # every column there, none cut to nothing
    browser.find_element(By.ID, "filter").send_keys("高标准农田")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tbody tr")) == 2

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "show.png"))
    assert (ARTIFACTS / "show.png").stat().st_size > 10_000
    assert js_errors(browser) == []


@needs_browser
def test_browser_keys_drop_and_download_a_csv_that_removes_that_row(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By

    open_page(browser, tmp_path, page(frame=frame))
    target = int(frame[frame["quantity"] == "120公里"].index[0])
    keys(browser, *"j" * target, "x")  # the first row is selected on opening
    assert "drop" in browser.find_element(By.CSS_SELECTOR, f"mark#q{target}").get_attribute("class")
    assert "sel" in browser.find_element(By.CSS_SELECTOR, f"mark#q{target + 1}").get_attribute("class")
    csv_text = browser.execute_script("return gzbgCorrectionsCSV()")
    assert browser.execute_script("return document.getElementById('corrections-csv').value") == csv_text

    browser.find_element(By.ID, "download").click()
    assert downloaded(tmp_path, "xinxiang-2026-excerpt.txt.corrections.csv") == csv_text
    made = parse_corrections(csv_text)
    assert [(c.action, c.quantity, c.fingerprint) for c in made] == [("drop", "120公里", text_fingerprint(TEXT))]
    out, problems = apply_corrections(frame, made, {DOC: TEXT})
    assert problems == []
    pd.testing.assert_frame_equal(out, frame.drop(index=target).reset_index(drop=True))
    assert js_errors(browser) == []


@needs_browser
def test_browser_fix_changes_the_fields(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, tmp_path, page(frame=frame))
    target = frame[frame["quantity"] == "120公里"].index[0]
    browser.find_element(By.CSS_SELECTOR, f"mark#q{target}").click()
    value = browser.find_element(By.CSS_SELECTOR, "#editor input[name=value]")
    value.clear()
    value.send_keys("130")
    Select(browser.find_element(By.CSS_SELECTOR, "#editor select[name=comparator]")).select_by_visible_text(">")
    Select(browser.find_element(By.CSS_SELECTOR, "#editor select[name=wording]")).select_by_visible_text("soft")
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=year]").send_keys("7")  # 2026 → 20267: not a fix to keep
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=year]").clear()
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=year]").send_keys("2026")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    [c] = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    assert (c.action, c.fields, c.quantity) == ("fix", {"value": 130.0, "comparator": ">", "wording": "soft"}, "120公里")
    out, problems = apply_corrections(frame, [c], {DOC: TEXT})
    assert problems == [] and (out.loc[target, "value"], out.loc[target, "comparator"]) == (130.0, ">")


@needs_browser
def test_browser_add_a_selected_span(browser, tmp_path):
    from selenium.webdriver.common.by import By

    # A character outside the BMP and CRLF line ends: the page must count as Python does.
    text = "一、总体要求\r\n𠀀新增就业11万人,建设口袋公园,“三位一体”。\r\n"
    frame = gzbg.extract(text, doc="t.txt")
    open_page(browser, tmp_path, page(text, doc="t.txt", frame=frame))
    select_text(browser, "口袋公园")
    browser.find_element(By.ID, "add").click()
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=value]").send_keys("3")
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=unit]").send_keys("个")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    [c] = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    start = text.index("口袋公园")
    fields = {"value": 3.0, "unit": "个", "comparator": "=", "role": "target", "period": "plan", "headline": False}
    assert (c.action, c.start, c.end, c.quantity, c.fields) == ("add", start, start + 4, "口袋公园", fields)
    out, problems = apply_corrections(frame, [c], {"t.txt": text})
    assert problems == [] and len(out) == len(frame) + 1
    assert browser.execute_script("return document.querySelectorAll('mark.q.added').length") == 1


@needs_browser
def test_browser_resumes_a_review_reports_stale_corrections_and_autosaves(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By

    r = frame.iloc[3]
    start = TEXT.index("原拆原建")
    earlier = [
        Correction(DOC, int(r.start), int(r.end), "fix", r.quantity, {"unit": None, "measure": "level"}, "n"),
        Correction(DOC, start, start + 4, "add", "原拆原建", {"value": 4.0}),
        Correction(DOC, 0, 2, "drop", "不对"),
    ]  # the report no longer reads so: reported
    open_page(browser, tmp_path, page(frame=frame, corrections=earlier))
    again = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    assert [(c.start, c.action, c.fields, c.note) for c in again] == sorted(
        (c.start, c.action, c.fields, c.note) for c in earlier[:2]
    )  # in text order
    assert "1 earlier correction" in browser.find_element(By.ID, "problems").text
    assert "fix" in browser.find_element(By.CSS_SELECTOR, "mark#q3").get_attribute("class")

    keys(browser, "a")  # the first row: accepted, kept in the browser as it is made
    browser.refresh()
    assert "restored" in browser.find_element(By.ID, "problems").text
    after = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    assert [(c.start, c.action) for c in after] == sorted([(int(frame.iloc[0].start), "accept"), (int(r.start), "fix"), (start, "add")])


@needs_browser
def test_browser_shows_markup_in_the_report_as_text(browser, tmp_path):
    # In a headline sentence, and in a file name: text, never markup.
    text = (
        "二、2025年工作安排\n今年主要预期目标是：地区生产总值增长5%左右</script><img src=x onerror=\"document.title='owned'\">，"
        "城镇新增就业11万人<script>document.title='owned'</script>。\n"
    )
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["show", str(folder), "--headline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    open_file(browser, out)
    assert browser.title != "owned"
    shown = browser.find_element("id", "text").text
    assert "</script><img src=x onerror=\"document.title='owned'\">" in shown
    assert "<script>document.title='owned'</script>" in shown
    assert "<img src=x onerror=alert(1)>.txt" in browser.find_element("id", "reports").text
    assert browser.execute_script("return document.querySelectorAll('#text img, #reports img, #text script').length") == 0
    assert js_errors(browser) == []


# ---- reviewing a panel: twenty corpus reports in --headline mode ----

OWN_COLUMNS = ("value", "value_max", "comparator", "relation", "reviewed")  # a cell's own, not its parent's
REVIEWED_ROWS = 10


def corpus_sample() -> list[Path]:
    """Twenty reports of two levels and years: fifteen cities' 2019 reports, five provinces' 2018."""
    reports = CORPUS / "reports"
    files = sorted(reports.glob("city/*/2019.md"))[:15] + sorted(reports.glob("province/*/2018.md"))[:5]
    assert len(files) == 20
    return files


def panel_cells(*args, cwd: Path) -> tuple[dict, str, int]:
    """gzbg panel --long as {(doc, indicator): own columns}, its standard error and exit status."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "gzbg", "panel", *map(str, args), "--long", "-f", "csv"], cwd=cwd, capture_output=True, text=True, env=env
    )
    rows = pd.read_csv(io.StringIO(done.stdout), dtype=str, keep_default_na=False) if done.stdout else pd.DataFrame()
    cells = {
        (r["doc"], r["indicator"]): tuple(r.get(c, "False" if c == "reviewed" else "") for c in OWN_COLUMNS)
        for r in rows.to_dict("records")
    }
    starts = {(r["doc"], int(r["start"])): (r["doc"], r["indicator"]) for r in rows.to_dict("records")}
    return {"cells": cells, "starts": starts}, done.stderr, done.returncode


def unique_cells(rows: list[dict]) -> list[dict]:
    """Rows that are a panel cell alone: headline plan targets whose indicator no other row has."""
    cells = [
        r
        for r in rows
        if r["indicator"] and r["role"] == "target" and r["period"] == "plan" and r["headline"] is True and r["repeat_of"] is None
    ]
    counts = pd.Series([r["indicator"] for r in rows if r["indicator"]]).value_counts()
    return [r for r in cells if counts[r["indicator"]] == 1]


# Words of the targets without a number (relations.tsv: 完成…任务, 同步, 稳定 …) that a missed one holds.
RELATION_WORDS = re.compile(r"完成|同步|稳定|平衡|协调|改善")


def free_clause(report: dict, rows: list[dict]) -> str:
    """A clause of a headline passage that no row covers and that holds no number: where a target
    without a number was missed — one with a relation's words when there is one."""
    found = []
    for start, piece, _, _ in report["pieces"]:
        at = 0
        for clause in re.split(r"(?<=[，；。,;])", piece):
            s, e = start + at, start + at + len(clause)
            at += len(clause)
            clause = clause.strip("，；。,; \n")
            if (
                len(clause) >= 6
                and not re.search(r"[0-9０-９\s]", clause)
                and not any(r["start"] < e and r["end"] > s for r in rows)
                and all(s <= x[0] and x[1] <= e or x[1] <= s or x[0] >= e for x in report["excluded"])
            ):
                found.append(clause)
    assert found, "no free clause in this report's passages"
    return next((c for c in found if RELATION_WORDS.search(c)), found[0])


@needs_browser
@needs_corpus
def test_browser_review_a_panel_by_keyboard_and_the_panel_takes_exactly_those_cells(browser, tmp_path, monkeypatch):
    import shutil

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    corpus = tmp_path / "corpus"
    for f in corpus_sample():
        target = corpus / f.relative_to(CORPUS / "reports")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["show", "corpus", "--headline", "-o", "panel.html", "-q"])
    assert result.exit_code == 0, result.output
    before, _, status = panel_cells("corpus", cwd=tmp_path)
    assert status == 0 and len(before["cells"]) > 100

    open_file(browser, tmp_path / "panel.html")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#reports li")) == 20
    data = browser.execute_script("return JSON.parse(document.getElementById('gzbg-data').textContent)")
    codes = [code for code, _ in data["indicators"]]
    # The first report with three rows that are panel cells alone, reached with n.
    for index, report in enumerate(data["reports"]):
        rows = [dict(zip(data["fields"], cells)) for cells in report["rows"]]
        if len(unique_cells(rows)) >= 3 and len(rows) >= REVIEWED_ROWS:
            break
    keys(browser, *"n" * index)
    assert "current" in browser.find_elements(By.CSS_SELECTOR, "#reports li")[index].get_attribute("class")
    doc = report["doc"]
    dropped, reindexed, unflagged = unique_cells(rows)[:3]
    present = {r["indicator"] for r in rows}
    # The new code measures in the row's unit, so that its standard value carries over.
    units = {ind.code: ind.unit_std for ind in lexicons.load().indicators}
    new_code = next(c for c in codes if c not in present and units[c] == units[reindexed["indicator"]])
    relation_code = next(c for c in codes if c not in present and c != new_code)

    accepted = []
    for r in sorted(rows, key=lambda r: (r["start"], r["end"]))[: REVIEWED_ROWS - 1]:  # one more: the add
        if r is dropped:
            keys(browser, "x")
        elif r is reindexed or r is unflagged:
            keys(browser, "e")
            name, value = ("indicator", new_code) if r is reindexed else ("headline", "false")
            Select(browser.find_element(By.CSS_SELECTOR, f"#editor select[name={name}]")).select_by_value(value)
            browser.find_element(By.CSS_SELECTOR, "#editor input[name=metric]").send_keys(Keys.ENTER)
        else:
            keys(browser, "a")
            accepted.append(r)
    assert {dropped["start"], reindexed["start"], unflagged["start"]} <= {r["start"] for r in sorted(rows, key=lambda r: r["start"])[:9]}, (
        "the three cells lie among the rows reviewed"
    )

    clause = free_clause(report, rows)
    relation = "delegated" if "任务" in clause else "keep_stable"  # 完成省下达任务; else a steady state
    select_text(browser, clause)
    keys(browser, "+")
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=metric]").send_keys(RELATION_WORDS.split(clause)[0] or clause[:4])
    Select(browser.find_element(By.CSS_SELECTOR, "#editor select[name=indicator]")).select_by_value(relation_code)
    Select(browser.find_element(By.CSS_SELECTOR, "#editor select[name=relation]")).select_by_value(relation)
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=metric]").send_keys(Keys.ENTER)
    progress = browser.find_elements(By.CSS_SELECTOR, "#reports li .progress")[index].text
    assert progress.startswith(f"{REVIEWED_ROWS}/")

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "show-panel.png"))
    browser.find_element(By.CSS_SELECTOR, f'#rows tbody tr[data-mark="q{rows.index(unflagged)}"]').click()
    keys(browser, "e")
    browser.save_screenshot(str(ARTIFACTS / "show-passage.png"))
    keys(browser, Keys.ESCAPE)

    browser.find_element(By.ID, "download").click()
    csv_text = downloaded(tmp_path, "corrections.csv")
    made = parse_corrections(csv_text, "corrections.csv")
    assert sorted(c.action for c in made) == ["accept"] * len(accepted) + ["add", "drop", "fix", "fix"]
    assert len(made) == REVIEWED_ROWS and {c.doc for c in made} == {doc}
    (tmp_path / "corrections.csv").write_text(csv_text, encoding="utf-8")

    # What the panel must become: exactly these cells changed, and the reviewed ones marked.
    expected = {k: v[:-1] + ("False",) for k, v in before["cells"].items()}
    for r in (dropped, unflagged):
        del expected[(doc, r["indicator"])]
    moved = expected.pop((doc, reindexed["indicator"]))
    expected[(doc, new_code)] = moved[:-1] + ("True",)
    expected[(doc, relation_code)] = ("", "", "", relation, "True")
    for r in accepted:
        key = before["starts"].get((doc, r["start"]))
        if key is not None:
            expected[key] = expected[key][:-1] + ("True",)

    after, stderr, status = panel_cells("corpus", "--corrections", "corrections.csv", cwd=tmp_path)
    assert status == 0, stderr
    assert after["cells"] == expected
    absolute, _, status = panel_cells(corpus.resolve(), "--corrections", (tmp_path / "corrections.csv").resolve(), cwd=tmp_path / "corpus")
    assert status == 0 and absolute["cells"] == expected  # the folder named another way

    elsewhere = tmp_path / "moved" / "elsewhere"
    shutil.copytree(corpus, elsewhere)
    moved_cells, _, status = panel_cells(elsewhere, "--corrections", tmp_path / "corrections.csv", cwd=tmp_path / "moved")
    assert status == 0 and moved_cells["cells"] == expected  # the corpus copied elsewhere

    edited = elsewhere / doc
    edited.write_text("（修订稿）\n" + edited.read_text(encoding="utf-8"), encoding="utf-8")
    stale, stderr, status = panel_cells(elsewhere, "--corrections", tmp_path / "corrections.csv", cwd=tmp_path / "moved")
    assert status == 1 and stderr.count("correction not applied") == REVIEWED_ROWS  # the report changed: none lands
    assert js_errors(browser) == []


def corpus_page(results, headline_only: bool) -> str:
    from gzbg.extraction.table import to_dataframe
    from gzbg.review.check import check_result

    views = [
        ReportView(r.doc, r.text, to_dataframe(r.rows), r.excluded, r.headlines, check_result(r).warnings, r.place, r.level, r.year)
        for r in results
        if not r.error
    ]
    return render_page(views, headline_only)


@needs_browser
@needs_corpus
def test_browser_the_whole_corpus_in_headline_mode_opens_and_every_report_opens(browser, tmp_path, corpus_results):
    """The load time is measured here and written to tests/artifacts/show-corpus.txt (README: Review)."""
    from selenium.webdriver.common.by import By

    out = corpus_page(corpus_results, headline_only=True)
    seconds = open_page(browser, tmp_path, out, "corpus.html")
    reports = len(corpus_results)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#reports li")) == reports
    opened = browser.execute_script("""
        const t = performance.now(), last = document.querySelector('#reports li:last-child');
        last.click();
        return [performance.now() - t, document.querySelectorAll('#text .piece').length,
                document.querySelector('#text h2').textContent];""")
    assert opened[2] == corpus_results[-1].doc
    with_passage = sum(1 for r in corpus_results if r.headlines)
    pieces = sum(1 for r in corpus_results for _ in r.headlines)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "show-corpus.txt").write_text(
        f"{reports} reports ({with_passage} with a headline passage, {pieces} passages) in --headline mode: "
        f"page {len(out.encode('utf-8'))} bytes, loaded in {seconds:.2f} s, a report opened in {opened[0]:.0f} ms\n",
        encoding="utf-8",
    )
    assert js_errors(browser) == []


@needs_browser
@needs_corpus
def test_browser_largest_corpus_report_opens_whole(browser, tmp_path, corpus_results):
    largest = max((r for r in corpus_results if not r.error), key=lambda r: len(r.text))
    out = corpus_page([largest], headline_only=False)
    seconds = open_page(browser, tmp_path, out, "largest.html")
    assert browser.execute_script("return document.querySelectorAll('mark.q').length") == len(largest.rows)
    assert browser.execute_script("return document.getElementById('text').textContent").endswith(
        largest.text.replace("\x00", "\ufffd")[-200:]
    )
    scrolled = browser.execute_script("""
        const t = performance.now(), pane = document.getElementById('text');
        pane.scrollTop = pane.scrollHeight; pane.getBoundingClientRect();
        document.querySelector('#rows thead th').click();
        return performance.now() - t;""")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "show-largest.txt").write_text(
        f"{largest.doc}: {len(largest.text)} characters, {len(largest.rows)} rows, page {len(out.encode('utf-8'))} bytes, "
        f"loaded in {seconds:.2f} s, scroll + sort {scrolled:.0f} ms\n",
        encoding="utf-8",
    )
    assert js_errors(browser) == []


# ---- gzbg show's inputs ----


def test_show_reads_the_reports_a_saved_table_names_and_goes_on_past_a_bad_one(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLE.parent.parent)
    table = tmp_path / "rows.csv"
    assert CliRunner().invoke(app, ["extract", DOC, "-o", str(table)]).exit_code == 0
    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["show", str(table), str(tmp_path / "missing.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"gzbg: {tmp_path / 'missing.txt'}: no such file"
    data = page_data(out.read_text(encoding="utf-8"))
    assert [r["doc"] for r in data["reports"]] == [DOC] and len(data["reports"][0]["rows"]) == 32
    panel_table = tmp_path / "panel.csv"
    panel_table.write_text("place,year,doc\n新乡市,2026,gone.txt\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["show", str(panel_table), "-o", str(tmp_path / "p2.html")])
    assert result.exit_code == 1 and result.stderr.strip() == f"gzbg: gone.txt: no such file (named in {panel_table})"
    assert not (tmp_path / "p2.html").exists()  # no report read: no page
