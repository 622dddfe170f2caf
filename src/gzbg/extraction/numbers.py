"""Numeral rules: Arabic and Chinese numerals, multipliers and fractions, as exact decimals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "MAX_NUMERAL",
    "THOUSANDS_SEPARATOR",
    "MULTIPLIERS",
    "parse_arabic",
    "parse_chinese",
    "parse_numeral",
]

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿"
# Longest first, so that 万亿 wins over 万 and 亿.
MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}
_TRAILING_MULTIPLIERS = ("万亿", "亿", "万")
# The longest numeral read as a number, in characters. Amounts in reports are written in at most
# a couple of dozen (一千二百三十四万五千六百七十八, 1234567890.12); a longer run of numeral
# characters is a code, a table row run together or noise, and cn2an's time grows with the square
# of a numeral's length (100,000 characters took minutes).
MAX_NUMERAL = 64
# Old reports group digits by thousands (粮食产量33，212万吨, 14,328,144,000元; the full-width comma
# is half-width once normalised): the numeral pattern reads such groups as one number.
THOUSANDS_SEPARATOR = ","


def parse_arabic(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _cn2an(text: str) -> Decimal | None:
    import cn2an  # imported on first use: start-up of the CLI stays fast

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, TypeError):
        return None
    return Decimal(str(value))


_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _below_hundred(text: str) -> Decimal | None:
    """一, 十五, 二十, 九十九 without cn2an: most Chinese numerals in reports are this simple, and
    importing cn2an costs a quarter of a second at start-up."""
    if len(text) == 1 and text in _DIGIT_VALUES:
        return Decimal(_DIGIT_VALUES[text])
    tens, sep, ones = text.partition("十")
    if not sep or len(text) > 3:
        return None
    if tens and tens not in _DIGIT_VALUES or ones and ones not in _DIGIT_VALUES:
        return None
    return Decimal((_DIGIT_VALUES[tens] if tens else 1) * 10 + (_DIGIT_VALUES[ones] if ones else 0))


# A digit times one unit, 三百, 两万亿, 一百亿: the commonest Chinese numeral beyond 99 in reports
# (a digitless 万 or 百亿 is read as 一万, 一百亿). The units are those cn2an reads as the product of
# their characters; a number read here spares importing cn2an (a quarter of a second) in a run
# that meets no other kind. tests/test_quantities.py checks every digit and unit against cn2an.
_UNITS = {unit: Decimal(10) ** power for unit, power in zip(("十", "百", "千", "万", "亿"), (1, 2, 3, 4, 8))}
_UNIT_PAIRS = ("十万", "十亿", "百万", "百亿", "千万", "千亿", "万亿")
_PRODUCT_UNITS = {**_UNITS, **{pair: _UNITS[pair[0]] * _UNITS[pair[1]] for pair in _UNIT_PAIRS}}
# A smaller unit right after 万 or 亿 with no digit between (一万千, from 气象万千): no number, in
# cn2an's reading as in ours.
_NO_NUMBER_PAIRS = frozenset(big + small for big in "万亿" for small in "十百千")


def _digit_times_unit(text: str) -> Decimal | None:
    """A digit (not 零) and one unit of _PRODUCT_UNITS as a number; None when ``text`` is not of
    that shape (_NO_NUMBER_PAIRS: also not a number, told by _is_no_number)."""
    if not 2 <= len(text) <= 3 or text[0] not in _DIGIT_VALUES or text[0] == "零":
        return None
    unit = _PRODUCT_UNITS.get(text[1:])
    return Decimal(_DIGIT_VALUES[text[0]]) * unit if unit is not None else None


def _is_no_number(text: str) -> bool:
    return len(text) == 3 and text[0] in _DIGIT_VALUES and text[0] != "零" and text[1:] in _NO_NUMBER_PAIRS


def parse_chinese(text: str) -> Decimal | None:
    """二十万 → 200000, 三十六点九万 → 369000, 百 → 100; None when it is not a numeral (or is
    longer than MAX_NUMERAL characters)."""
    text = text.replace("〇", "零")
    if not text or len(text) > MAX_NUMERAL:
        return None
    simple = _below_hundred(text)
    if simple is not None:
        return simple
    if text[0] in "十百千万亿":
        text = "一" + text  # 百亿, 十五: cn2an wants the leading 一
    product = _digit_times_unit(text)
    if product is not None:
        return product
    if _is_no_number(text):
        return None
    value = _cn2an(text)
    if value is not None:
        return value
    for suffix in _TRAILING_MULTIPLIERS:  # decimals with a multiplier: 三点五万
        if text.endswith(suffix) and len(text) > len(suffix):
            head = _cn2an(text[: -len(suffix)])
            if head is not None:
                return head * MULTIPLIERS[suffix]
    return None


def parse_numeral(text: str) -> Decimal | None:
    """A numeral's value; None when it is not one or longer than MAX_NUMERAL characters."""
    if len(text) > MAX_NUMERAL:
        return None
    if text and text[0].isdigit():
        return parse_arabic(text.replace(THOUSANDS_SEPARATOR, "") if THOUSANDS_SEPARATOR in text else text)
    return parse_chinese(text)
