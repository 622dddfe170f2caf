"""Corpus scale (issue 4): folders, globs, formats, encodings, metadata, output formats, jobs."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import CORPUS, needs_corpus
from gzbg.cli import app
from gzbg.read.decode import ReadError
from gzbg.read.formats import read_document

runner = CliRunner()
SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
SENTENCE = "主要预期目标是：地区生产总值增长5%左右，城镇新增就业1200万人以上。"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def make_docx(path: Path, paragraphs: list[str]) -> None:
    from docx import Document

    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))


def make_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    for i, line in enumerate(lines):
        c.drawString(40, 800 - 16 * i, line)
    c.showPage()
    c.save()


HTML_PAGE = """<html><head><meta charset="utf-8"><title>政府工作报告</title>
<script>var x = "增长99%以上";</script><style>.a{}</style></head>
<body><nav>首页 下载 打印 【字号：加大 还原 减小】 第1页</nav>
<div class="content"><p>2026年某省政府工作报告</p><p>主要预期目标是：地区生产总值增长5%左右，</p>
<p>城镇新增就业\u200b50万人以上。</p></div>
<footer>版权所有 2026 备案号12345678</footer></body></html>"""


def test_html_keeps_the_text_and_drops_the_chrome(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    text = read_document(page)
    assert "增长5%左右" in text and "99%" not in text and "版权所有" not in text and "字号" not in text
    result = invoke("extract", page, "-f", "json")
    rows = json.loads(result.stdout)
    assert [r["quantity"] for r in rows] == ["5%", "50万人"]


def test_docx_and_pdf(tmp_path):
    make_docx(tmp_path / "r.docx", ["2026年某省政府工作报告", SENTENCE])
    make_pdf(tmp_path / "r.pdf", ["2026年某省政府工作报告", SENTENCE])
    for name in ("r.docx", "r.pdf"):
        text = read_document(tmp_path / name)
        assert "1200万人以上" in text


def test_scanned_pdf_is_reported(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(10, 10, 200, 200)
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="no text layer"):
        read_document(tmp_path / "scan.pdf")


def test_broken_docx_is_reported(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="not a readable .docx"):
        read_document(tmp_path / "bad.docx")


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    """The corpus plus GBK, UTF-16, HTML, DOCX and PDF copies, an empty and a binary file."""
    folder = tmp_path_factory.mktemp("reports")
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    zhejiang = (CORPUS / "province-zhejiang-2026.txt").read_text(encoding="utf-8")
    (folder / "copies").mkdir()
    (folder / "copies" / "zhejiang-gbk.txt").write_bytes(zhejiang.encode("gb18030"))
    (folder / "copies" / "zhejiang-utf16.txt").write_bytes(zhejiang.encode("utf-16"))
    (folder / "copies" / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    make_docx(folder / "copies" / "report.docx", ["2026年某省政府工作报告", SENTENCE])
    make_pdf(folder / "copies" / "report.pdf", ["2026年某省政府工作报告", SENTENCE])
    (folder / "copies" / "empty.txt").write_bytes(b"")
    (folder / "copies" / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "skip.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "notes.csv").write_text("not,a,report\n", encoding="utf-8")
    return folder


@needs_corpus
def test_a_folder_with_bad_files_and_a_missing_path(mixed_folder, tmp_path):
    out = tmp_path / "all.csv"
    result = invoke("extract", mixed_folder, mixed_folder / "missing.txt", "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors[:3] == [
        "gzbg: copies/binary.txt: binary data, not text",
        "gzbg: copies/empty.txt: empty file",
        f"gzbg: {mixed_folder / 'missing.txt'}: no such file",
    ]
    assert errors[3].startswith("gzbg: 3 of 24 inputs could not be read;")
    frame = pd.read_csv(out)
    docs = set(frame["doc"])
    assert len(docs) == 21  # 16 corpus reports + GBK, UTF-16, HTML, DOCX, PDF copies
    assert {"copies/zhejiang-gbk.txt", "copies/zhejiang-utf16.txt", "copies/page.html", "copies/report.docx", "copies/report.pdf"} <= docs
    assert not any(d.startswith(".hidden") for d in docs)
    same = frame[frame["doc"] == "province-zhejiang-2026.txt"][["quantity", "start", "value"]].reset_index(drop=True)
    for copy in ("copies/zhejiang-gbk.txt", "copies/zhejiang-utf16.txt"):
        other = frame[frame["doc"] == copy][["quantity", "start", "value"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(same, other)
    meta = frame.drop_duplicates("doc").set_index("doc")
    assert meta.loc["national-china-2024.txt", ["place", "level", "report_year"]].tolist() == ["全国", "national", 2024]
    assert meta.loc["district-hailaer-2018.txt", ["place", "level"]].tolist() == ["海拉尔区", "district"]


@needs_corpus
def test_rows_are_in_the_same_order_whatever_the_jobs(tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert invoke("extract", CORPUS / "provinces-2026", "-o", one, "-j", "1").exit_code == 0
    assert invoke("extract", CORPUS / "provinces-2026", "-o", two, "-j", "2").exit_code == 0
    assert one.read_bytes() == two.read_bytes()


@needs_corpus
def test_strict_stops_and_writes_nothing(mixed_folder, tmp_path):
    out = tmp_path / "all.csv"
    result = invoke("extract", mixed_folder, "-o", out, "--strict", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["gzbg: copies/binary.txt: binary data, not text"]
    assert list(tmp_path.iterdir()) == []


def test_globs_and_meta(tmp_path):
    for name in ("a-2025.txt", "b-2026.txt"):
        (tmp_path / name).write_text(SENTENCE, encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,admin_code,parent\na-2025.txt,410700,河南省\n", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "*.txt"), "--meta", meta, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["doc"]).name, r["report_year"], r["admin_code"]) for r in rows] == [
        ("a-2025.txt", 2025, "410700"),
        ("a-2025.txt", 2025, "410700"),
        ("b-2026.txt", 2026, ""),
        ("b-2026.txt", 2026, ""),
    ]
    assert invoke("extract", str(tmp_path / "*.nothing")).stderr == f"gzbg: {tmp_path / '*.nothing'}: no file matches\n"


def test_meta_may_be_a_tsv(tmp_path):
    (tmp_path / "a-2025.txt").write_text(SENTENCE, encoding="utf-8")
    meta = tmp_path / "meta.tsv"
    meta.write_text("file\tadmin_code\na-2025.txt\t410700\n", encoding="utf-8")
    result = invoke("extract", tmp_path / "a-2025.txt", "--meta", meta, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {json.loads(line)["admin_code"] for line in result.stdout.splitlines()} == {"410700"}


def test_meta_without_file_column_is_a_usage_error(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("name,code\n", encoding="utf-8")
    result = invoke("extract", SAMPLE, "--meta", meta)
    assert result.exit_code == 2
    assert "needs a 'file' column" in result.stderr


def _read_back(path: Path) -> pd.DataFrame:
    suffix = path.suffix
    if suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if suffix == ".tsv":
        return pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""])
    if suffix == ".json":
        return pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    if suffix == ".jsonl":
        return pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".xlsx":
        return pd.read_excel(path, keep_default_na=False, na_values=[""])
    return pd.read_stata(path).rename(columns={"_end": "end"})  # `end` is reserved in Stata


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".jsonl", ".parquet", ".xlsx", ".dta"])
def test_every_output_format_reads_back_with_the_same_rows(tmp_path, suffix):
    import gzbg

    expected = gzbg.extract(SAMPLE.read_text(encoding="utf-8"), doc=str(SAMPLE))
    out = tmp_path / f"targets{suffix}"
    result = invoke("extract", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.stderr
    back = _read_back(out)
    assert list(back.columns) == list(expected.columns)
    assert len(back) == len(expected) == 32
    assert back["quantity"].tolist() == expected["quantity"].tolist()
    assert back["value"].astype(float).tolist() == expected["value"].tolist()
    assert back["start"].astype(int).tolist() == expected["start"].tolist()
    assert back["metric"].tolist() == expected["metric"].tolist()
    assert [bool(v) for v in back["headline"]] == expected["headline"].tolist()
    assert back["report_year"].astype(int).tolist() == [2026] * 32
    if suffix == ".parquet":  # typed formats keep the types themselves
        assert str(back["value"].dtype) == "float64" and str(back["start"].dtype) == "int64"
        assert str(back["headline"].dtype) == "bool"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_an_interrupted_write_leaves_no_file(tmp_path, monkeypatch):
    import gzbg.writers as writers

    def boom(self, rows):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers._TextWriter, "write", boom)
    out = tmp_path / "out.csv"
    result = invoke("extract", SAMPLE, "-o", out)
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []
