"""Document metadata: which place and level of government a report is from, and its year.

Read from the title line (新乡市2026年政府工作报告, 2026年河北省政府工作报告), the first lines
(——在河北省第十四届人民代表大会…, 河北省人民政府省长), or the file name (hebei-2026.txt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from gzbg.lexicons import Lexicons

__all__ = ["DocumentMeta", "document_meta", "report_year"]

_HEAD_CHARS = 1500
_NAME = r"[\u4e00-\u9fff]{2,14}?"
_PLACE_PATTERNS = (
    re.compile(rf"(?:[0-9]{{4}}年)?({_NAME}(?:省|市|自治区|自治州|州|盟|区|县|旗))(?:[0-9]{{4}}年)?政府工作报告"),
    re.compile(rf"在({_NAME}(?:省|市|自治区|自治州|州|盟|区|县|旗))第[一二三四五六七八九十]+届人民代表大会"),
    re.compile(rf"({_NAME}(?:省|市|自治区|自治州|州|盟|区|县|旗))人民政府(?:代?(?:省长|市长|主席|区长|县长|州长|旗长|盟长))"),
)
_NATIONAL = re.compile(r"全国人民代表大会|国务院总理")
_TITLE_YEAR = re.compile(r"(20[0-9]{2})年[^\n]{0,20}政府工作报告")
_DELIVERED = re.compile(r"(20[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日[^\n]{0,30}(?:大会|会议)")
_REVIEW_YEAR = re.compile(r"(20[0-9]{2})年(?:工作)?回顾")
_FILE_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")
_LEVEL_BY_SUFFIX = (("自治区", "province"), ("自治州", "city"), ("省", "province"), ("市", "city"),
                    ("州", "city"), ("盟", "city"), ("区", "district"), ("县", "county"), ("旗", "county"))


@dataclass(frozen=True)
class DocumentMeta:
    place: str
    level: str
    year: int | None


def report_year(text: str, doc: str = "") -> int | None:
    """The report's year: its title, the date it was delivered, its file name, its review part."""
    head = text[:_HEAD_CHARS]
    for pattern in (_TITLE_YEAR, _DELIVERED):
        m = pattern.search(head)
        if m:
            return int(m.group(1))
    m = _FILE_YEAR.search(PurePath(doc).name) if doc else None
    if m:
        return int(m.group(1))
    m = _REVIEW_YEAR.search(text)
    if m:
        return int(m.group(1)) + 1
    return None


def _known_place(name: str, lex: Lexicons) -> tuple[str, str] | None:
    for full, level, aliases in lex.places:
        if name == full or name in aliases:
            return full, level
    return None


def _place_level(text: str, doc: str, lex: Lexicons) -> tuple[str, str]:
    head = re.sub(r"\s+", "", text[:_HEAD_CHARS].replace("——", "\n"))  # 政 府 工 作 报 告
    for pattern in _PLACE_PATTERNS:
        m = pattern.search(head)
        if m:
            name = m.group(1)
            known = _known_place(name, lex)
            if known:
                return known
            level = next((lvl for suffix, lvl in _LEVEL_BY_SUFFIX if name.endswith(suffix)), "")
            return name, level
    if _NATIONAL.search(head):
        return _known_place("全国", lex) or ("全国", "national")
    stem = PurePath(doc).stem.lower() if doc else ""
    for token in re.split(r"[^a-z\u4e00-\u9fff]+", stem):
        known = _known_place(token, lex) if token else None
        if known:
            return known
    return "", ""


def document_meta(text: str, doc: str, lex: Lexicons, year: int | None = None) -> DocumentMeta:
    place, level = _place_level(text, doc, lex)
    return DocumentMeta(place, level, year if year is not None else report_year(text, doc))
