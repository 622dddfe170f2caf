"""The lexicons are data: each has a header and comments, loads cleanly, and ships in the wheel."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gzbg.lexicons import KEY_WIDTH, REQUIRED_COLUMNS, LexiconError, load, read_table

ROOT = Path(__file__).parent.parent
LEXICONS = ROOT / "lexicons"


@pytest.mark.parametrize("name", sorted(REQUIRED_COLUMNS))
def test_every_lexicon_has_comments_and_a_header(name):
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "a lexicon opens with a comment saying what it holds"
    rows = read_table(LEXICONS / name, REQUIRED_COLUMNS[name], KEY_WIDTH.get(name, 1))
    assert rows


def test_shipped_lexicons_load():
    lex = load()
    assert lex.units["公里"].category == "length"
    assert lex.units["千米"].canonical == "公里"
    assert {c.comparator for c in lex.comparators} <= {">=", ">", "<=", "<", "~", "="}
    assert "投资" in lex.qualifier_cues


def test_duplicate_entry_is_rejected(tmp_path):
    (tmp_path / "units.tsv").write_text(
        "# units\nunit\tcategory\tcanonical\tnot_before\n亩\tarea\t亩\t\n亩\tarea\t亩\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="duplicate entry '亩'"):
        load(tmp_path)


def test_bad_value_is_rejected(tmp_path):
    (tmp_path / "comparators.tsv").write_text(
        "# c\nword\tposition\tcomparator\twording\n以上\tsuffix\t=>\thard\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="comparator '=>'"):
        load(tmp_path)


def test_a_user_folder_overrides_one_file(tmp_path):
    shutil.copy(LEXICONS / "units.tsv", tmp_path / "units.tsv")
    with (tmp_path / "units.tsv").open("a", encoding="utf-8") as f:
        f.write("标准箱\tcontainer\t标箱\t\n")
    import gzbg
    frame = gzbg.extract("集装箱吞吐量达到300万标准箱。", lexicon_dir=tmp_path)
    assert frame.loc[0, "unit"] == "标箱"
    assert gzbg.extract("集装箱吞吐量达到300万标准箱。").loc[0, "unit"] == ""


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="not a folder"):
        load(tmp_path / "nope")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_wheel_carries_the_lexicons_and_the_page_assets(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in REQUIRED_COLUMNS:
        assert f"gzbg/lexicons/{name}" in names
    for name in ("review.html", "review.css", "review.js"):  # the review page's package data
        assert f"gzbg/review/assets/{name}" in names
