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
        "# units\nunit\tcategory\tcanonical\tnot_before\n亩\tarea\t亩\t\n亩\tarea\t亩\t\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="duplicate entry '亩'"):
        load(tmp_path)


def test_bad_value_is_rejected(tmp_path):
    (tmp_path / "comparators.tsv").write_text("# c\nword\tposition\tcomparator\twording\n以上\tsuffix\t=>\thard\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="comparator '=>'"):
        load(tmp_path)


def _shipped_with(tmp_path, name, old, new):
    """A copy of a shipped lexicon with one line changed, in ``tmp_path``; the changed line's number."""
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    number = lines.index(old) + 1
    lines[number - 1] = new
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def test_an_unknown_unit_category_names_file_and_line(tmp_path):
    number = _shipped_with(tmp_path, "units.tsv", "件\tset\t件\t", "件\tsett\t件\t")
    with pytest.raises(LexiconError) as caught:
        load(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'units.tsv'}:{number}: category 'sett' is not one of age, area, brick, category, container, count, "
        "energy, freight, households, index, length, mass, money, people, percent, period, permille, points, power, "
        "ratio, set, time, voltage, volume"
    )


@pytest.mark.parametrize(
    "name, old, new, message",
    [
        ("predicates.tsv", "增长\tgrowth\tup", "增长\tgrowht\tup", "measure 'growht' is not one of amount, change, growth, level"),
        ("predicates.tsv", "增长\tgrowth\tup", "增长\tgrowth\tupp", "direction 'upp' is not one of down, up or empty"),
        ("comparators.tsv", "以上\tsuffix\t>=\thard", "以上\tsuffix\t>=\thrad", "wording 'hrad' is not one of hard, neutral, soft"),
        ("wording.tsv", "确保\thard", "确保\tneutral", "wording 'neutral' is not one of hard, soft"),
    ],
)
def test_every_value_column_is_checked_with_its_line(tmp_path, name, old, new, message):
    number = _shipped_with(tmp_path, name, old, new)
    with pytest.raises(LexiconError) as caught:
        load(tmp_path)
    assert str(caught.value) == f"{tmp_path / name}:{number}: {message}"


def test_a_bad_regular_expression_names_its_line(tmp_path):
    number = _shipped_with(tmp_path, "nonquantities.tsv", "两个维护\tslogan", "两个(维护\tslogan")
    with pytest.raises(LexiconError, match=rf"nonquantities.tsv:{number}: bad pattern '两个\(维护': missing \)"):
        load(tmp_path)


@pytest.mark.parametrize("pattern", ["(?:[0-9]+年)+", "(a|b+)*", "(?:十{1,3}五)+", "x(?=(?:a*b)*)"])
def test_a_pattern_that_nests_repeats_is_refused(tmp_path, pattern):
    number = _shipped_with(tmp_path, "cues.tsv", "回顾\treview_heading", f"{pattern}\treview_heading")
    with pytest.raises(LexiconError, match=rf"cues.tsv:{number}: pattern .* nests a repeat inside a repeat"):
        load(tmp_path)


@pytest.mark.parametrize("pattern", ["[0-9]+年[0-9]+月", "(?:今年|明年){1}", "[^,;。]{1,16}?同步", "(?:ab)+", "(a?)+"])
def test_patterns_without_nested_repeats_load(tmp_path, pattern):
    _shipped_with(tmp_path, "cues.tsv", "回顾\treview_heading", f"{pattern}\treview_heading")
    assert any(p.pattern == pattern for p, _ in load(tmp_path).cues)


def test_a_word_cue_is_a_word(tmp_path):
    number = _shipped_with(tmp_path, "cues.tsv", "之一\tshare_of", "之(一)\tshare_of")
    with pytest.raises(LexiconError) as caught:
        load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'cues.tsv'}:{number}: a share_of cue is a word, not a pattern: '之(一)'"


def test_a_word_cue_may_be_a_dash_but_not_a_pattern(tmp_path):
    words, pattern = tmp_path / "words", tmp_path / "pattern"  # two folders: load() caches by folder
    words.mkdir(), pattern.mkdir()
    _shipped_with(words, "cues.tsv", "~\trange_joiner", "~~\trange_joiner")
    assert "~~" in load(words).cue_words("range_joiner")
    number = _shipped_with(pattern, "cues.tsv", "~\trange_joiner", "至+\trange_joiner")
    with pytest.raises(LexiconError, match=rf"cues.tsv:{number}: a range_joiner cue is a word, not a pattern: '至\+'"):
        load(pattern)


def test_the_year_words_keep_offsets(tmp_path):
    number = _shipped_with(tmp_path, "cues.tsv", "今年\tyear_this", "本年度\tyear_this")
    with pytest.raises(LexiconError, match=f"cues.tsv:{number}: the words of year_last, year_this, year_next differ in length"):
        load(tmp_path)


@pytest.mark.parametrize(
    "old, new, sentence, column, shipped, replaced",
    [
        # respectively: the subjects of a 分别 list take one number each
        (
            "分别\trespectively",
            "各自\trespectively",
            "城镇、农村居民人均可支配收入各自增长5%和6%。",
            "metric",
            ["农村居民人均可支配收入各自", "农村居民人均可支配收入各自"],
            ["城镇居民人均可支配收入", "农村居民人均可支配收入"],
        ),
        # total: a number of work done after it is a level
        ("累计\ttotal", "总计\ttotal", "总计建成5G基站3万个。", "measure", ["amount"], ["level"]),
        # share_of: the number names the set a thing belongs to
        ("之一\tshare_of", "中的一个\tshare_of", "成为首批5个国家公园中的一个。", "role", ["target"], ["qualifier"]),
        # range_joiner: the whole text between two numbers joins a range
        ("至\trange_joiner", "乃至\trange_joiner", "新增耕地3乃至5万亩。", "quantity", ["5万亩"], ["3乃至5万亩"]),
    ],
)
def test_cue_words_are_read_from_the_lexicon(tmp_path, old, new, sentence, column, shipped, replaced):
    import gzbg

    _shipped_with(tmp_path, "cues.tsv", old, new)
    assert gzbg.extract(sentence)[column].tolist() == shipped
    assert gzbg.extract(sentence, lexicon_dir=tmp_path)[column].tolist() == replaced


def test_the_vocabulary_matches_the_lexicons():
    from gzbg import vocab

    lex = load()
    assert {u.category for u in lex.units.values()} <= vocab.values(vocab.UnitCategory)
    assert {c.comparator for c in lex.comparators} == vocab.values(vocab.Comparator)
    assert {p.measure for p in lex.predicates.values()} == vocab.values(vocab.Measure)
    assert len(vocab.indicator_codes()) == 37
    assert {"gdp_growth", "cpi", "new_urban_jobs"} <= vocab.indicator_codes()


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
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in REQUIRED_COLUMNS:
        assert f"gzbg/lexicons/{name}" in names
    for name in ("review.html", "review.css", "review.js"):  # the review page's package data
        assert f"gzbg/review/assets/{name}" in names
