"""The review page: its HTML, and the page itself in headless Chromium (skipped without one).

The browser is Debian's chromium driven through Debian's chromedriver by selenium; nothing is
downloaded. A screenshot is left in tests/artifacts/show.png.
"""

import html
import io
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

import gzbg
from conftest import corpus_files, needs_corpus
from gzbg.extraction.pipeline import excluded_numerals
from gzbg.read.decode import read_text
from gzbg.review.corrections import Correction, apply_corrections, parse_corrections
from gzbg.review.page import print_report, render_html

TESTS = Path(__file__).parent
SAMPLE = TESTS.parent / "samples" / "xinxiang-2026-excerpt.txt"
DOC = "samples/xinxiang-2026-excerpt.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
ARTIFACTS = TESTS / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Quiet, offline, and never a driver or browser download: both binaries come from the distribution.
CHROME_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--window-size=1400,900")
needs_browser = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                   reason="needs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def frame():
    return gzbg.extract(TEXT, doc=DOC)


def page(text=TEXT, doc=DOC, frame=None, **kwargs):
    frame = gzbg.extract(text, doc=doc) if frame is None else frame
    return render_html(text, doc, frame, excluded_numerals(text), **kwargs)


def report_text(page_html: str) -> str:
    """What a reader sees in the text pane: the tags gone, the entities decoded."""
    body = re.search(r'<main id="text">(.*)</main>', page_html, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


# ---- the HTML ----

def test_report_text_is_escaped_and_kept_whole():
    text = "一、总体要求\n新增就业11万人以上,<script>alert(1)</script> & “引号”\"。\r\n建成口袋公园5个。\n"
    out = page(text, doc="<b>report</b>.txt")
    assert "<script>alert(1)" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in out
    assert "<b>report" not in out and "&lt;b&gt;report&lt;/b&gt;.txt" in out
    assert out.count("<script") == 2  # the page's data and its code, nothing from the report
    assert report_text(out) == text  # every character, the CR included


def test_one_highlight_per_row_with_its_columns(frame):
    out = page(frame=frame)
    marks = re.findall(r'<mark id="(q\d+)"([^>]*)>([^<]*)</mark>', out)
    assert len(marks) == len(frame) == 32
    assert len({m[0] for m in marks}) == len(marks)
    for (_mark_id, attrs, inner), row in zip(marks, frame.itertuples(index=False)):
        data = dict(re.findall(r'data-([a-z_]+)="([^"]*)"', attrs))
        assert (int(data["start"]), int(data["end"])) == (row.start, row.end)
        assert html.unescape(inner) == html.unescape(data["quantity"]) == row.quantity
        assert html.unescape(data["metric"]) == row.metric
        assert data["comparator"] == html.escape(row.comparator) and data["role"] in attrs
    assert re.search(r'class="q target plan"[^>]*data-metric="地下管网\(更新改造\)"[^>]*data-quantity="120公里"', out)


def test_attribute_values_cannot_break_out(frame):
    bad = frame.copy()
    bad.loc[0, "metric"] = '"><script>alert(2)</script>'
    out = page(frame=bad)
    assert "<script>alert(2)" not in out and 'data-metric="&quot;&gt;&lt;script&gt;' in out


def test_excluded_numerals_are_marked_with_their_reason():
    out = page()
    excluded = excluded_numerals(TEXT)
    spans = re.findall(r'<span class="x" data-start="(\d+)" data-end="(\d+)" data-reason="([^"]+)" '
                       r'title="not extracted: ([^"]+)">', out)
    assert len(spans) == len(excluded) > 0
    assert [(int(s), int(e), r) for s, e, r, _ in spans] == [(x.start, x.end, x.reason) for x in excluded]
    assert all(r == t for _, _, r, t in spans)


def test_standalone_no_address_outside_the_page():
    out = page()
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", out, re.I)
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", out)


def test_outline_counts_rows_per_section(frame):
    out = page(frame=frame)
    entry = re.search(r'<a href="#(o\d+)">\(六\)着力推动乡村全面振兴</a> <span class="n"[^>]*>(\d+)</span>', out)
    assert entry and int(entry.group(2)) == 14
    assert f'<span id="{entry.group(1)}" class="h">(六)着力推动乡村全面振兴' in out


def test_rows_crossing_each_other_still_give_well_formed_html(frame):
    # 每千人6.5批次 holds 千人 in the corpus; here a made-up crossing pair too.
    text = "每千人6.5批次,新增就业11万人。\n"
    rows = gzbg.extract(text, doc="x")
    crossing = pd.concat([rows.iloc[:1]] * 3, ignore_index=True)
    crossing.loc[:, ["start", "end"]] = [[0, 9], [1, 3], [7, 12]]
    out = page(text, doc="x", frame=crossing)
    assert len(re.findall(r'<mark id="q', out)) == 3
    assert report_text(out) == text
    depth = 0
    for tag in re.findall(r"</?mark\b", out):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0


def test_earlier_corrections_are_carried_into_the_page(frame):
    r = frame.iloc[3]
    start = TEXT.index("原拆原建")
    corrections = [Correction(DOC, int(r.start), int(r.end), "drop", r.quantity),
                   Correction(DOC, start, start + 4, "add", "原拆原建", {"value": 4.0}),
                   Correction("other.txt", 1, 2, "drop", None)]
    out = page(frame=frame, corrections=corrections)
    assert '<mark id="a0" class="q added target"' in out
    assert f'"start": {r.start}, "end": {r.end}, "action": "drop"' in out
    assert "other.txt" not in out


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
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
    yield driver
    driver.quit()


def open_page(driver, tmp_path, out: str, name="page.html"):
    path = tmp_path / name
    path.write_text(out, encoding="utf-8")
    started = time.perf_counter()
    driver.get(path.as_uri())
    return time.perf_counter() - started


def in_view(driver, css):
    """Whether the element is inside both the window and its scrolling pane."""
    return driver.execute_script("""
        const m = document.querySelector(arguments[0]), r = m.getBoundingClientRect();
        const pane = m.closest('#text, #rows').getBoundingClientRect();
        return r.height > 0 && r.top >= Math.max(0, pane.top) - 1 && r.bottom <= Math.min(innerHeight, pane.bottom) + 1;
    """, css)


def js_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@needs_browser
def test_browser_counts_clicks_and_screenshot(browser, tmp_path, frame):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, tmp_path, page(frame=frame))
    assert browser.execute_script("return document.querySelectorAll('mark.q').length") == len(frame)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tbody tr")) == len(frame)

    last = f"mark#q{len(frame) - 1}"
    assert not in_view(browser, last)
    browser.find_element(By.CSS_SELECTOR, f'#rows tbody tr[data-mark="q{len(frame) - 1}"]').click()
    assert in_view(browser, last)  # the table row scrolled the text to its highlight

    outline = browser.find_element(By.XPATH, "//nav[@id='outline']//a[contains(., '(七)')]")
    outline.click()  # the outline scrolls the text to its heading
    assert in_view(browser, "#" + outline.get_attribute("href").split("#")[1])

    browser.find_element(By.CSS_SELECTOR, "mark#q0").click()  # and back: the highlight selects its row
    assert "sel" in browser.find_element(By.CSS_SELECTOR, '#rows tbody tr[data-mark="q0"]').get_attribute("class")
    assert in_view(browser, '#rows tbody tr[data-mark="q0"]')
    assert browser.find_element(By.ID, "editor").is_displayed()

    ActionChains(browser).move_to_element(browser.find_element(By.CSS_SELECTOR, "mark#q1")).perform()
    tip = browser.find_element(By.ID, "tip")  # hovering shows the row's columns
    assert tip.is_displayed() and frame.loc[1, "metric"] in tip.text and "35" in tip.text
    browser.find_element(By.ID, "ed-close").click()

    headers = browser.find_elements(By.CSS_SELECTOR, "#rows thead th")
    next(h for h in headers if h.text == "value").click()
    values = [float(td.text) for td in browser.find_elements(By.CSS_SELECTOR, "#rows tbody td:nth-child(4)")]
    assert values == sorted(values)
    browser.find_element(By.ID, "filter").send_keys("高标准农田")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tbody tr")) == 2

    ARTIFACTS.mkdir(exist_ok=True)
    browser.find_element(By.ID, "filter").clear()
    browser.execute_script("document.getElementById('filter').dispatchEvent(new Event('input'))")
    browser.find_element(By.CSS_SELECTOR, '#rows tbody tr[data-mark="q9"]').click()
    tip = browser.find_element(By.ID, "tip")  # the focused highlight shows its columns
    assert tip.is_displayed() and frame.loc[9, "metric"] in tip.text and "comparator" in tip.text
    assert not browser.find_element(By.ID, "editor").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "show.png"))
    assert (ARTIFACTS / "show.png").stat().st_size > 10_000
    assert js_errors(browser) == []


@needs_browser
def test_browser_drop_exports_a_csv_that_removes_that_row(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By

    open_page(browser, tmp_path, page(frame=frame))
    target = frame[frame["quantity"] == "120公里"].index[0]
    browser.find_element(By.CSS_SELECTOR, f"mark#q{target}").click()
    browser.find_element(By.ID, "ed-drop").click()
    assert "drop" in browser.find_element(By.CSS_SELECTOR, f"mark#q{target}").get_attribute("class")
    csv_text = browser.execute_script("return gzbgCorrectionsCSV()")
    assert browser.execute_script("return document.getElementById('corrections-csv').value") == csv_text

    browser.find_element(By.ID, "download").click()
    saved = tmp_path / "downloads" / "xinxiang-2026-excerpt.txt.corrections.csv"
    for _ in range(100):
        if saved.exists():
            break
        time.sleep(0.05)
    assert saved.read_text(encoding="utf-8-sig") == csv_text

    out, problems = apply_corrections(frame, parse_corrections(csv_text), {DOC: TEXT})
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
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    [c] = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    assert (c.action, c.fields, c.quantity) == ("fix", {"value": 130.0, "comparator": ">"}, "120公里")
    out, problems = apply_corrections(frame, [c], {DOC: TEXT})
    assert problems == [] and (out.loc[target, "value"], out.loc[target, "comparator"]) == (130.0, ">")


@needs_browser
def test_browser_add_a_selected_span(browser, tmp_path):
    from selenium.webdriver.common.by import By

    # A character outside the BMP and CRLF line ends: the page must count as Python does.
    text = "一、总体要求\r\n𠀀新增就业11万人,建设口袋公园,“三位一体”。\r\n"
    frame = gzbg.extract(text, doc="t.txt")
    open_page(browser, tmp_path, page(text, doc="t.txt", frame=frame))
    browser.execute_script("""
        const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && node.data.indexOf('口袋公园') < 0) {}
        const at = node.data.indexOf('口袋公园'), range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 4);
        getSelection().removeAllRanges(); getSelection().addRange(range);
        document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    """)
    browser.find_element(By.ID, "add").click()
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=value]").send_keys("3")
    browser.find_element(By.CSS_SELECTOR, "#editor input[name=unit]").send_keys("个")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    [c] = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    start = text.index("口袋公园")
    fields = {"value": 3.0, "unit": "个", "comparator": "=", "role": "target"}
    assert (c.action, c.start, c.end, c.quantity, c.fields) == ("add", start, start + 4, "口袋公园", fields)
    out, problems = apply_corrections(frame, [c], {"t.txt": text})
    assert problems == [] and len(out) == len(frame) + 1
    assert browser.execute_script("return document.querySelectorAll('mark.q.added').length") == 1


@needs_browser
def test_browser_resumes_a_review_and_reports_stale_corrections(browser, tmp_path, frame):
    from selenium.webdriver.common.by import By

    r = frame.iloc[3]
    start = TEXT.index("原拆原建")
    earlier = [Correction(DOC, int(r.start), int(r.end), "fix", r.quantity, {"unit": None, "measure": "level"}, "n"),
               Correction(DOC, start, start + 4, "add", "原拆原建", {"value": 4.0}),
               Correction(DOC, 0, 2, "drop", "不对")]  # the report no longer reads so: reported
    open_page(browser, tmp_path, page(frame=frame, corrections=earlier))
    again = parse_corrections(browser.execute_script("return gzbgCorrectionsCSV()"))
    assert [(c.start, c.action, c.fields, c.note) for c in again] == \
        sorted((c.start, c.action, c.fields, c.note) for c in earlier[:2])  # in text order
    assert "1 earlier correction" in browser.find_element(By.ID, "problems").text
    assert "fix" in browser.find_element(By.CSS_SELECTOR, "mark#q3").get_attribute("class")


@needs_browser
def test_browser_shows_markup_in_the_report_as_text(browser, tmp_path):
    text = "新增就业11万人。<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">\n"
    open_page(browser, tmp_path, page(text, doc="x.txt"))
    assert browser.title != "owned"
    assert "<script>document.title='owned'</script>" in browser.find_element("id", "text").text
    assert js_errors(browser) == []


@needs_browser
@needs_corpus
def test_browser_largest_corpus_report_opens_fast(browser, tmp_path):
    from selenium.webdriver.common.by import By

    largest = max(corpus_files(), key=lambda p: len(read_text(p)))
    text = read_text(largest)
    frame = gzbg.extract(text, doc=str(largest))
    out = render_html(text, str(largest), frame, excluded_numerals(text))
    seconds = open_page(browser, tmp_path, out, "largest.html")
    assert browser.execute_script("return document.querySelectorAll('mark.q').length") == len(frame)
    scrolled = browser.execute_script("""
        const t = performance.now(), pane = document.getElementById('text');
        pane.scrollTop = pane.scrollHeight; pane.getBoundingClientRect();
        document.querySelector('#rows thead th').click();
        return performance.now() - t;""")
    browser.find_element(By.CSS_SELECTOR, "#rows tbody tr").click()
    size = len(out.encode("utf-8"))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "show-largest.txt").write_text(
        f"{largest.name}: {len(text)} characters, {len(frame)} rows, page {size} bytes, "
        f"loaded in {seconds:.2f} s, scroll + sort {scrolled:.0f} ms\n", encoding="utf-8")
    assert seconds < 5
    assert scrolled < 500
    assert js_errors(browser) == []
