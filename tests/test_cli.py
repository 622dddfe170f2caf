"""The command line through typer's CliRunner: output, formats, and bad input."""

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import needs_corpus
from gzbg.cli import app
from gzbg.extraction.table import COLUMNS

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_extract_csv_when_piped():
    result = invoke("extract", SAMPLE)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 32
    pipe = next(r for r in rows if r["quantity"] == "120公里")
    assert (pipe["metric"], pipe["value"], pipe["unit"], pipe["comparator"]) == ("地下管网(更新改造)", "120", "公里", ">=")
    assert pipe["doc"] == str(SAMPLE)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv"])
def test_extract_formats(fmt):
    result = invoke("extract", SAMPLE, "-f", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert len(rows) == 32
    assert rows[0]["quantity"] == "56个"


def test_extract_table_format():
    result = runner.invoke(app, ["extract", str(SAMPLE), "-f", "table"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "地下管网(更新改造)" in plain
    assert "32 rows" in plain


def test_output_file_format_from_extension(tmp_path):
    out = tmp_path / "targets.json"
    result = invoke("extract", SAMPLE, "-o", out)
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 32
    assert [p.name for p in tmp_path.iterdir()] == ["targets.json"]  # no temporary file left


def test_unknown_extension_is_a_usage_error(tmp_path):
    result = invoke("extract", SAMPLE, "-o", tmp_path / "targets.xyz")
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr
    assert not (tmp_path / "targets.xyz").exists()


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("城镇新增就业1200万人以上。".encode("gbk"))
    out = tmp_path / "out.csv"
    result = invoke("extract", tmp_path / "missing.txt", empty, binary, gbk, SAMPLE, "-o", out)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"gzbg: {tmp_path / 'missing.txt'}: no such file",
        f"gzbg: {empty}: empty file",
        f"gzbg: {binary}: binary data, not text",
        "gzbg: 3 of 5 inputs could not be read; 33 rows from the others",
    ]
    assert "Traceback" not in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 33
    assert rows[0]["doc"] == str(gbk) and rows[0]["value"] == "12000000"


def test_all_inputs_bad_writes_no_file(tmp_path):
    out = tmp_path / "out.csv"
    result = invoke("extract", tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"gzbg: {tmp_path / 'missing.txt'}: no such file\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_all_inputs_bad_print_nothing_on_standard_output(tmp_path, fmt):
    """No header line or bracket: a pipe reads no table from a run that read no report."""
    result = invoke("extract", tmp_path / "missing.txt", tmp_path / "gone.txt", "-f", fmt)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "gzbg: no file could be read"


def test_a_report_without_rows_still_prints_the_header(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("各位代表:现在,我代表市人民政府作报告。", encoding="utf-8")
    assert invoke("extract", empty, "-f", "csv").stdout.splitlines() == [",".join(COLUMNS)]
    assert invoke("extract", empty, "-f", "json").stdout == "[]\n"


def test_undecodable_with_forced_encoding(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("增长5%左右".encode("gbk"))
    result = invoke("extract", gbk, "--encoding", "utf-8")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"gzbg: {gbk}: not valid utf-8")


def test_bad_lexicon_folder(tmp_path):
    (tmp_path / "units.tsv").write_text("unit\tcategory\n", encoding="utf-8")
    result = invoke("extract", SAMPLE, "--lexicon", tmp_path)
    assert result.exit_code == 2
    assert "header lacks column(s) canonical, not_before" in result.stderr


def test_sections_outline():
    result = invoke("sections", SAMPLE)
    assert result.exit_code == 0
    assert "(六)着力推动乡村全面振兴  14 targets" in result.stdout
    assert "提升农业综合生产能力  4 targets" in result.stdout


def test_sections_shows_each_part_with_its_kind(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2025年工作回顾\n过去一年增长5.4%。\n"
        "二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n名词解释\n1.新质生产力：…\n",
        encoding="utf-8",
    )
    result = invoke("sections", report)
    assert result.exit_code == 0
    lines = [ln for ln in result.stdout.splitlines() if "│" in ln and ln.split("│")[1].strip()]
    kinds = [ln.split("│")[1].strip() for ln in lines]
    assert kinds == ["opening", "review", "plan", "annex"]
    assert lines[2].split("│")[-2].strip() == "1"  # the plan part holds the one headline row


def test_binary_format_needs_an_output_file():
    result = invoke("extract", SAMPLE, "-f", "parquet")
    assert result.exit_code == 2
    assert result.stderr == "gzbg: -f parquet writes a file: give -o PATH\n"


def test_sections_missing_file(tmp_path):
    result = invoke("sections", tmp_path / "nope.txt")
    assert result.exit_code == 1
    assert result.stderr == f"gzbg: {tmp_path / 'nope.txt'}: no such file\n"


@pytest.mark.parametrize("command", ["extract", "targets", "sections", "show", "diff", "track"])
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example: gzbg " + command in result.stdout


def test_show_writes_a_page_and_prints_to_the_terminal(tmp_path):
    page = tmp_path / "review.html"
    result = invoke("show", SAMPLE, "-o", page)
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="gzbg-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["reports"][0]["rows"]) == 32  # one row a row; the page itself is tested in test_show
    assert "120公里" in html and "http://" not in html and "https://" not in html
    assert oct(page.stat().st_mode & 0o777) != oct(0o600)  # not left private like a temporary file
    printed = runner.invoke(app, ["show", str(SAMPLE)], env={"COLUMNS": "100"})
    assert printed.exit_code == 0
    assert "更新改造地下管网120公里以上" in printed.stdout.replace("\n", "")


def test_extract_applies_corrections_and_reports_stale_ones(tmp_path):
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(
        "doc,start,end,action,quantity,metric\n"
        f"{SAMPLE},258,261,drop,56个,\n"
        f"{SAMPLE},401,406,fix,120公里,地下管网\n"
        f"{SAMPLE},266,270,drop,35个城,\n",
        encoding="utf-8",
    )
    result = invoke("extract", SAMPLE, "--corrections", corrections, "-f", "jsonl")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 31 and "56个" not in [r["quantity"] for r in rows]
    assert next(r for r in rows if r["quantity"] == "120公里")["metric"] == "地下管网"
    assert result.stderr.startswith(f"gzbg: correction not applied: {corrections}:4: ")
    assert "no extracted row has this span ('35个城')" in result.stderr


def test_a_broken_corrections_file_is_a_usage_error(tmp_path):
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("doc,start,end,action\nr.txt,1,2,explode\n", encoding="utf-8")
    result = invoke("extract", SAMPLE, "--corrections", corrections)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "explode" in result.stderr


@needs_corpus
def test_diff_and_track_on_the_national_reports(tmp_path):
    from conftest import CORPUS

    old, new = CORPUS / "national-china-2023.txt", CORPUS / "national-china-2024.txt"
    result = invoke("diff", old, new, "--only", "changed", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("1 raised, 0 lowered, 1 reworded, 5 unchanged, ")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "unchanged" not in {r["status"] for r in rows}
    jobs = next(r for r in rows if r["new_metric"] == "城镇新增就业")
    assert (jobs["status"], jobs["old_comparator"], jobs["new_comparator"]) == ("reworded", "~", ">=")
    assert old.read_text(encoding="utf-8")[jobs["old_start"] : jobs["old_end"]] == "1200万人"

    out = tmp_path / "track.csv"
    result = invoke("track", CORPUS / "national-china-2024.txt", CORPUS / "national-china-2025.txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    gdp = next(r for r in rows if r["metric"] == "国内生产总值")
    assert (gdp["quantity"], gdp["outcome_quantity"], gdp["verdict"], gdp["gap"]) == ("5%", "5%", "met", "0")


def test_diff_reads_saved_tables_and_reports_bad_ones(tmp_path):
    saved = tmp_path / "sample.csv"
    assert invoke("extract", SAMPLE, "-o", saved).exit_code == 0
    result = invoke("diff", saved, SAMPLE, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    statuses = {r["status"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert statuses == {"unchanged"}
    broken = tmp_path / "broken.csv"
    broken.write_text("doc,quantity\nx,1\n", encoding="utf-8")
    result = invoke("diff", broken, SAMPLE)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"gzbg: {broken}: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["extract", SAMPLE], ["diff", SAMPLE, SAMPLE], ["show", SAMPLE]])
def test_an_unwritable_output_is_one_line(tmp_path, command):
    out = tmp_path / "missing-folder" / ("page.html" if command[0] == "show" else "out.csv")
    result = invoke(*command, "-o", out)
    assert result.exit_code == 1
    assert f"gzbg: {out}: No such file or directory\n" in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an escaped error


def test_diff_applies_corrections_to_the_reports_it_reads(tmp_path):
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(
        f"doc,start,end,action,quantity,value\n{SAMPLE},401,406,fix,120公里,150\n{SAMPLE},1,3,drop,xx,\n", encoding="utf-8"
    )
    saved = tmp_path / "before.csv"
    assert invoke("extract", SAMPLE, "-o", saved).exit_code == 0
    result = invoke("diff", saved, SAMPLE, "--corrections", corrections, "-f", "jsonl")
    assert result.exit_code == 1  # the second correction no longer fits: named, output still written
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    pipe = next(r for r in rows if r["new_quantity"] == "120公里")
    assert (pipe["status"], pipe["old_value"], pipe["new_value"]) == ("raised", 120, 150)
    assert "correction not applied" in result.stderr and "'xx'" in result.stderr


_REPORT_2026 = (
    "——2026年1月20日在某市第十届人民代表大会第五次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
    "一、2025年工作回顾\n过去一年，地区生产总值增长5.4%，完成了全年目标。\n二、2026年工作安排\n"
    "主要预期目标是：地区生产总值增长5%左右，居民收入增长和经济增长同步。\n"
)


def test_check_writes_one_row_per_report_with_warnings_and_a_summary(tmp_path):
    good = tmp_path / "city-2026.txt"
    good.write_text(_REPORT_2026, encoding="utf-8")
    copy = tmp_path / "copy-2026.txt"
    copy.write_text(_REPORT_2026, encoding="utf-8")
    plain = tmp_path / "notes-2024.txt"
    plain.write_text("——2025年1月5日在某县第九届人民代表大会上\n今年新建学校3所，新增就业1万人。", encoding="utf-8")
    out = tmp_path / "check.csv"
    result = runner.invoke(app, ["check", str(tmp_path), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    rows = {r["doc"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"city-2026.txt", "copy-2026.txt", "notes-2024.txt"}
    first = rows["city-2026.txt"]
    assert (first["report_year"], first["parts"], first["headline"]) == ("2026", "opening review plan", "True")
    assert (first["headline_trigger"], first["headline_rows"], first["headline_relations"]) == ("主要预期目标是", "2", "1")
    assert (first["gdp_growth"], first["gdp_value"], first["gdp_comparator"]) == ("5%", "5", "~")
    assert first["warnings"] == "short text (149 characters)"
    assert rows["copy-2026.txt"]["warnings"].endswith("; same text as another report (city-2026.txt)")
    warned = rows["notes-2024.txt"]["warnings"]
    for warning in ("no review part", "no headline", "over 80% plan rows", "short text", "year differs from the file name"):
        assert warning in warned
    assert result.stderr.strip().startswith("gzbg: 3 reports: headline found in 2, 3 with warnings (short text 3,")


@pytest.mark.parametrize("suffix", ["parquet", "xlsx", "dta", "json"])
def test_check_writes_every_format(tmp_path, suffix):
    (tmp_path / "a-2026.txt").write_text(_REPORT_2026, encoding="utf-8")
    out = tmp_path / f"check.{suffix}"
    result = runner.invoke(app, ["check", str(tmp_path / "a-2026.txt"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0


def test_check_names_an_unreadable_input_and_goes_on(tmp_path):
    (tmp_path / "a-2026.txt").write_text(_REPORT_2026, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "csv", "-j", "1"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "1 could not be read" in result.stderr
    assert "a-2026.txt" in result.stdout


@needs_corpus
def test_diff_and_track_over_folders_pair_reports_by_place_and_year(tmp_path):
    from conftest import CORPUS

    folder = tmp_path / "national"
    folder.mkdir()
    for year in range(2021, 2027):
        (folder / f"{year}.md").write_bytes((CORPUS / "reports" / "national" / f"{year}.md").read_bytes())
    out = tmp_path / "diff.csv"
    result = invoke("diff", folder, folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("5 pairs of reports\n")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["old_year"], r["new_year"]) for r in rows} == {(str(y), str(y + 1)) for y in range(2021, 2026)}
    assert {r["place"] for r in rows} == {"全国"}
    out = tmp_path / "track.csv"
    result = invoke("track", folder, folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    gdp_2022 = [r for r in rows if r["old_year"] == "2022" and r["quantity"] == "5.5%" and "生产总值" in r["metric"]]
    assert [r["verdict"] for r in gdp_2022] == ["missed"]  # 5.5% against 3%


def test_diff_of_a_saved_table_of_many_reports_pairs_them(tmp_path):
    for year, growth in ((2025, "5"), (2026, "4.5")):
        (tmp_path / f"r-{year}.txt").write_text(
            f"——{year}年1月20日在某省第十届人民代表大会上\n二、{year}年工作安排\n主要预期目标是：地区生产总值增长{growth}%左右。\n",
            encoding="utf-8",
        )
    saved = tmp_path / "rows.csv"
    assert invoke("extract", tmp_path, "-o", saved, "-q").exit_code == 0
    result = invoke("diff", saved, saved, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "1 pair of reports" in result.stderr and "0 raised, 1 lowered" in result.stderr


def test_diff_with_no_pair_is_a_usage_error(tmp_path):
    (tmp_path / "a-2026.txt").write_text("二、2026年工作安排\n主要预期目标是：增长5%。\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b-2020.txt").write_text("二、2020年工作安排\n主要预期目标是：增长5%。\n", encoding="utf-8")
    (tmp_path / "c-2019.txt").write_text("二、2019年工作安排\n主要预期目标是：增长6%。\n", encoding="utf-8")
    result = invoke("diff", tmp_path / "*.txt", other, "-f", "csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("gzbg: no report on the new side is a later report")


@pytest.mark.parametrize("suffix, extra, module", [("parquet", "parquet", "pyarrow"), ("xlsx", "excel", "openpyxl")])
def test_an_output_format_without_its_extra_is_one_line(tmp_path, monkeypatch, suffix, extra, module):
    monkeypatch.setitem(sys.modules, module, None)  # as if the extra were not installed
    out = tmp_path / f"rows.{suffix}"
    result = invoke("extract", SAMPLE, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f'pip install "gzbg[{extra}]"' in result.stderr
    assert not out.exists()


def test_a_word_file_without_its_extra_is_that_files_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "b.txt").write_text("今年新增就业1万人。", encoding="utf-8")
    result = invoke("extract", tmp_path, "-f", "csv", "-j", "1")
    assert result.exit_code == 1
    assert 'a.docx: Word (.docx) needs an optional package: pip install "gzbg[docx]"' in result.stderr
    assert "1万人" in result.stdout


def test_a_closed_pipe_ends_quietly(tmp_path):
    """gzbg extract … | head: no traceback, no message (the process ends by SIGPIPE, as cat does)."""
    import subprocess

    report = tmp_path / "r.txt"
    report.write_text("今年新增就业1万人，新建学校3所。\n" * 3000, encoding="utf-8")  # well past a pipe buffer
    proc = subprocess.Popen(
        [sys.executable, "-m", "gzbg", "extract", str(report), "-f", "csv", "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"doc,")
    proc.stdout.close()  # the reader goes away
    _, err = proc.communicate(timeout=120)
    assert err == b""
    assert proc.returncode in (0, -13)  # -13: ended by SIGPIPE


def test_the_terminal_table_names_the_report_of_each_row_when_there_are_several(tmp_path):
    for name in ("a-2025.txt", "b-2026.txt"):
        (tmp_path / name).write_text("今年新增就业1万人。", encoding="utf-8")
    result = invoke("extract", tmp_path / "a-2025.txt", tmp_path / "b-2026.txt", "-f", "table", "-j", "1")
    assert result.exit_code == 0
    assert "a-2025" in result.stdout and "b-2026" in result.stdout  # a narrow terminal folds the name
    single = invoke("extract", tmp_path / "a-2025.txt", "-f", "table")
    assert "a-2025.txt" not in single.stdout


def test_excel_cells_that_look_like_formulas_stay_text(tmp_path):
    """A report line =1+2新增就业4万人 (or a --meta cell =HYPERLINK(…)) must not become a formula."""
    import openpyxl

    report = tmp_path / "r.txt"
    report.write_text("=1+2新增就业4万人。\n", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text('file,link\nr.txt,"=HYPERLINK(""http://x"",""x"")"\n', encoding="utf-8")
    out = tmp_path / "rows.xlsx"
    result = invoke("extract", report, "--meta", meta, "-o", out)
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(str(c.value).startswith("=HYPERLINK") for c in cells)
    assert any(str(c.value).startswith("=1+2") for c in cells)


@pytest.mark.parametrize("command", ["extract", "show", "check", "panel", "diff"])
def test_an_output_that_is_an_input_is_refused_before_any_work(tmp_path, command):
    report = tmp_path / "v.txt"
    report.write_text("二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n", encoding="utf-8")
    before = report.read_bytes()
    args = {
        "extract": ["extract", report, "-o", report, "-f", "csv"],
        "show": ["show", report, "-o", report],
        "check": ["check", report, "-o", report, "-f", "csv"],
        "panel": ["panel", report, "-o", report, "-f", "csv"],
        "diff": ["diff", report, report, "-o", report, "-f", "csv"],
    }[command]
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == f"gzbg: {report}: is one of the inputs; write the output elsewhere\n"
    assert report.read_bytes() == before


def test_targets_takes_the_options_of_extract(tmp_path):
    report = tmp_path / "r-2026.txt"
    report.write_text("二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n（一）推进教育。新建学校3所。\n", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,code\nr-2026.txt,410700\n", encoding="utf-8")
    result = invoke("targets", report, "--meta", meta, "-j", "1", "-q", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["quantity"], r["code"]) for r in rows] == [("5%", "410700")]


# ---- corrections for a panel: matched by content, reviewed cells marked ----

NATIONAL_2025 = (
    "二、2025年经济社会发展总体要求和政策取向\n"
    "今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，"
    "城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；居民收入增长和经济增长同步。\n"
)
HENAN_2024 = "二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业110万人以上，居民消费价格涨幅3%左右。\n"


def _panel_folder(tmp_path):
    from gzbg.review.corrections import text_fingerprint

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "national-2025.txt").write_text(NATIONAL_2025, encoding="utf-8")
    (folder / "henan-2024.txt").write_text(HENAN_2024, encoding="utf-8")
    gdp = NATIONAL_2025.index("5%")
    jobs = HENAN_2024.index("110万人")
    body = (
        "doc,fingerprint,start,end,action,quantity,value,wording\n"
        f"somewhere/else/n.txt,{text_fingerprint(NATIONAL_2025)},{gdp},{gdp + 2},fix,5%,5.5,\n"
        f"{folder / 'henan-2024.txt'},,{jobs},{jobs + 5},accept,110万人,,\n"
        "not-here.txt,,1,3,drop,,,\n"
    )
    (tmp_path / "corrections.csv").write_text(body, encoding="utf-8")
    return folder, tmp_path / "corrections.csv"


def test_panel_applies_corrections_by_content_and_marks_the_reviewed_cells(tmp_path, monkeypatch):
    folder, corrections = _panel_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("panel", "reports", "--long", "--corrections", corrections, "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = {(r["place"], r["indicator"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    gdp = rows[("全国", "gdp_growth")]
    assert (gdp["value"], gdp["reviewed"]) == ("5.5", "True")
    assert rows[("河南省", "new_urban_jobs")]["reviewed"] == "True"
    assert sorted(k for k, r in rows.items() if r["reviewed"] == "True") == [("全国", "gdp_growth"), ("河南省", "new_urban_jobs")]
    assert "gzbg: 1 correction for documents not in this run (not-here.txt)" in result.stderr
    plain = invoke("panel", "reports", "--long", "-f", "csv")
    assert "reviewed" not in plain.stdout.splitlines()[0]
    assert {r["value"] for r in csv.DictReader(io.StringIO(plain.stdout)) if r["indicator"] == "gdp_growth"} == {"5", "5.5"}


def test_check_and_extract_apply_the_same_corrections(tmp_path):
    folder, corrections = _panel_folder(tmp_path)
    result = invoke("check", folder, "--corrections", corrections, "-f", "csv")
    assert result.exit_code == 0, result.output
    national = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["place"] == "全国")
    assert national["gdp_value"] == "5.5"
    result = invoke("extract", folder, "--corrections", corrections, "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[-1] == "reviewed"
    assert sorted(r["quantity"] for r in rows if r["reviewed"] == "True") == ["110万人", "5%"]


@pytest.mark.parametrize("command", [[], *[[c] for c in ["extract", "targets", "show", "panel", "check", "diff", "track", "sections"]]])
def test_flags_take_no_value_in_help(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "--help" in result.stdout
    assert "<bool>" not in result.stdout  # neither our flags nor click's own --help


def test_parquet_reads_back_into_pandas_with_nullable_integers(tmp_path):
    out = tmp_path / "rows.parquet"
    assert invoke("extract", SAMPLE, "-o", out).exit_code == 0
    import pandas as pd

    frame = pd.read_parquet(out)
    assert {c: str(frame[c].dtype) for c in ("group", "year_end", "year", "start", "value", "headline")} == {
        "group": "Int64",
        "year_end": "Int64",
        "year": "Int64",
        "start": "int64",
        "value": "float64",
        "headline": "bool",
    }
    assert frame["year_end"].isna().all() and len(frame) == 32
