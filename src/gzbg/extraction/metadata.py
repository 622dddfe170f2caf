"""Document metadata: which place and level of government a report is from, and its year.

Read from the title line (新乡市2026年政府工作报告, 2026年河北省政府工作报告), the first lines
(——在河北省第十四届人民代表大会…, 河北省人民政府省长), or the file name (hebei-2026.txt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from gzbg.extraction.numbers import parse_chinese
from gzbg.lexicons import Lexicons

__all__ = ["DocumentMeta", "document_meta", "delivered_late", "report_year"]

_HEAD_CHARS = 1500
# A place name; one character is enough before 县/区/旗 (易县, 唐县). It never starts with 年 (…2020年唐县…).
_NAME = r"(?![年月日在于])[\u4e00-\u9fff]{1,14}?"
# 全县, 本市, 我省: the report speaking of its own place, not naming it.
_SELF_REFERENCE = re.compile(r"^[全本我该][省市县区州盟旗]$")
_SUFFIX = "(?:省|市|自治区|自治州|州|盟|区|县|旗)"
# Each with the words every match of it holds: a head without them is not searched (a lazy name
# tried at every Han character of the head cost a third of reading the metadata).
_PLACE_PATTERNS = (
    ("政府工作报告", re.compile(rf"(?:[0-9]{{4}}年)?({_NAME}{_SUFFIX})(?:人民)?(?:[0-9]{{4}}年)?政府工作报告")),
    ("人民代表大会", re.compile(rf"({_NAME}{_SUFFIX})第[一二三四五六七八九十]+届人民代表大会")),
    ("人民政府", re.compile(rf"({_NAME}{_SUFFIX})人民政府(?:代?(?:省长|市长|主席|区长|县长|州长|旗长|盟长))")),
)
_NATIONAL = re.compile(r"全国人民代表大会|国务院总理")
# The nation's statistical communiqué: 中华人民共和国2023年国民经济和社会发展统计公报, or the same
# title standing alone at a line start (2007年国民经济和社会发展统计公报); a province's names its place.
_BULLETIN = re.compile(r"(?:中华人民共和国|^)\s*((?:19|20)[0-9]{2})\s*年国民经济和社会发展统计公报", re.M)
_TITLE_YEAR = re.compile(r"((?:19|20)[0-9]{2})年[^\n]{0,20}政府工作报告")
_DELIVERED = re.compile(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月[0-9]{1,2}日[^\n]{0,30}(?:大会|会议)")
_DELIVERED_AFTER = re.compile(r"(?:大会|会议)[^\n]{0,6}\(((?:19|20)[0-9]{2})年([0-9]{1,2})月[0-9]{1,2}日")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_DELIVERED = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月[^\n]{0,40}(?:大会|会议)")
_TITLE_DATE = re.compile(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月[0-9]{1,2}日")
_REVIEW_YEAR = re.compile(r"((?:19|20)[0-9]{2})年(?:的)?(?:工作|政府工作|国内工作)?(?:的)?回顾")
_PLAN_YEAR = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?((?:19|20)[0-9]{2})年(?:的)?(?:政府)?(?:工作|主要)(?:安排|任务|建议)", re.M)
# A report given in the last two months of a year plans for the next one (——2021年12月14日在…, the
# autumn session of a new term).
_LATE_MONTH = 11
_FILE_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")
_LEVEL_BY_SUFFIX = (
    ("自治区", "province"),
    ("自治州", "city"),
    ("省", "province"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("区", "district"),
    ("县", "county"),
    ("旗", "county"),
)


@dataclass(frozen=True)
class DocumentMeta:
    place: str
    level: str
    year: int | None
    late: bool = False  # delivered in November or December (see delivered_late)
    bulletin: bool = False  # a statistical communiqué (统计公报): every figure is that year's outcome


def _delivered(head: str, title: str) -> tuple[int, int] | None:
    """(year, month) the report was delivered, from its date line or its title."""
    m = _DELIVERED.search(head) or _DELIVERED_AFTER.search(head) or _TITLE_DATE.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _CN_DELIVERED.search(head)  # ——二〇〇八年一月十八日在…
    if m:
        year = int("".join(str(_CN_DIGITS.index(c)) if c in _CN_DIGITS else "0" for c in m.group(1)))
        return year, int(parse_chinese(m.group(2)) or 0)
    return None


def delivered_late(text: str, title: str = "") -> bool:
    """Given in November or December: the report calls the year it reviews 今年 and the year it
    plans for 明年."""
    when = _delivered(text[:_HEAD_CHARS], title)
    return when is not None and when[1] >= _LATE_MONTH


def report_year(text: str, doc: str = "", title: str = "") -> int | None:
    """The year a report plans for, from its content first: the date it was delivered (a
    November or December date gives the next year), a part heading naming this year's tasks or
    last year's review, the title; the file name last (it may be the source's label, not the
    report's year)."""
    head = text[:_HEAD_CHARS]
    when = _delivered(head, title)
    if when is not None:
        return when[0] + (1 if when[1] >= _LATE_MONTH else 0)
    m = _PLAN_YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _REVIEW_YEAR.search(text)
    if m:
        return int(m.group(1)) + 1
    m = _TITLE_YEAR.search(title) or _TITLE_YEAR.search(head)
    if m:
        return int(m.group(1))
    m = _FILE_YEAR.search(PurePath(doc).name) if doc else None
    if m:
        return int(m.group(1))
    return None


def _known_place(name: str, lex: Lexicons) -> tuple[str, str] | None:
    """(full name, level) of a province (places.tsv) or a city, county or district (cities.tsv)."""
    for full, level, aliases in lex.places:
        if name == full or name in aliases:
            return full, level
    for full, level, _, aliases in lex.cities:
        if name == full or name in aliases:
            return full, level
    return None


def _place_level(text: str, doc: str, lex: Lexicons, title: str = "") -> tuple[str, str]:
    head = "".join((title + "\n" + text[:_HEAD_CHARS]).replace("——", "\n").split())  # 政 府 工 作 报 告
    for words, pattern in _PLACE_PATTERNS:
        if words not in head:
            continue
        for m in pattern.finditer(head):
            name = m.group(1)
            if _SELF_REFERENCE.match(name):
                continue
            name = name.split("报告")[-1]  # 工作报告\n易县2025年政府工作报告: the page's heading runs on
            known = _known_place(name, lex) or next((k for k in (_known_place(name[i:], lex) for i in range(1, len(name) - 1)) if k), None)
            if known:
                return known  # 保定市满城区 → 满城区, a district
            level = next((lvl for suffix, lvl in _LEVEL_BY_SUFFIX if name.endswith(suffix)), "")
            return name, level
    if _NATIONAL.search(head):
        return _known_place("全国", lex) or ("全国", "national")
    # The file's name, then its folders (province/江西省/2012.md, county/易县-2018.txt).
    path = PurePath(doc) if doc else None
    names = [path.stem, *reversed(path.parts[:-1])] if path else []
    for name in names:
        for token in re.split(r"[^a-z\u4e00-\u9fff]+", name.lower()):
            known = _known_place(token, lex) if token else None
            if known:
                return known
    return "", ""


def document_meta(text: str, doc: str, lex: Lexicons, year: int | None = None, title: str = "") -> DocumentMeta:
    """Place, level and year; ``title`` is the front matter's title (blanked in ``text``)."""
    m = _BULLETIN.search(title + text[:_HEAD_CHARS])
    if m:
        # 中华人民共和国2023年国民经济和社会发展统计公报: the nation's outcomes of its own year
        national = _known_place("全国", lex) or ("全国", "national")
        return DocumentMeta(*national, year if year is not None else int(m.group(1)), False, True)
    place, level = _place_level(text, doc, lex, title)
    return DocumentMeta(place, level, year if year is not None else report_year(text, doc, title), delivered_late(text, title))
