"""Stage 1: turn bytes into text, and text into a normalised copy of the same length.

Offsets in every later stage point into the normalised text; because normalisation replaces one
character by exactly one character, they are offsets into the decoded original too.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gzbg.errors import ReadError
from gzbg.read.limits import DEFAULT_MAX_SIZE, read_bytes
from gzbg.read.markup import blank_markup

__all__ = ["ReadError", "blank_controls", "decode", "normalise", "read_text"]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings a Chinese report is plausibly written in, tried after UTF-8 when detection is unsure.
_CHINESE_ENCODINGS = ("gb18030", "big5")


# Bytes that never stand in text: C0 controls other than tab, line feed, vertical tab, form feed
# and carriage return. NUL is the usual one (a binary file, or a text padded by a broken export).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
# A file more than this share of them is binary, judged over the whole file: a NUL in the first
# line weighs the same as one at the end. Fewer are read as spaces (``blank_controls``).
BINARY_SHARE = 0.05
_CONTROL_CHARS = {b: " " for b in CONTROL_BYTES}
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _looks_binary(data: bytes) -> bool:
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    return controls > len(data) * BINARY_SHARE


def blank_controls(text: str) -> str:
    """Control characters as spaces, one for one, so that no writer meets one (Excel cannot hold
    them) and offsets still index the text."""
    return text.translate(_CONTROL_CHARS) if _CONTROL.search(text) else text  # searching is the cheap part


def _plausible_unit(code: int) -> bool:
    """A UTF-16 code unit a Chinese report is made of: ASCII, CJK ideographs and punctuation,
    full-width forms, general punctuation."""
    return (
        code in (9, 10, 13)
        or 0x20 <= code < 0x7F
        or 0x2000 <= code < 0x2070
        or 0x3000 <= code < 0x3040
        or 0x3400 <= code < 0x4DC0
        or 0x4E00 <= code < 0xA000
        or 0xFF00 <= code < 0xFFF0
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order under which nearly every code unit of the
    file's start is one a report is made of. Called only for bytes that are not plain UTF-8: ASCII
    read as UTF-16 looks like ideographs ("ab" is U+6261), which is why the order of the checks in
    ``decode`` matters."""
    sample = data[:65536]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    for name, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        units = [sample[i + high] << 8 | sample[i + 1 - high] for i in range(0, len(sample), 2)]
        if sum(map(_plausible_unit, units)) >= len(units) * 0.95:
            return name
    return None


def _whole_code_units(data: bytes, encoding: str) -> None:
    """A UTF-16 or UTF-32 file whose length is not a whole number of code units lost its end (a
    cut download or copy): said as such, rather than as a byte that does not decode."""
    unit = 4 if "32" in encoding else 2 if "16" in encoding else 1
    if len(data) % unit:
        raise ReadError(f"truncated {encoding} text: {len(data):,} bytes is not a whole number of {unit}-byte code units")


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk / len(text)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _checked(text: str, data: bytes) -> str:
    if _looks_binary(data):
        raise ReadError("binary data, not text")
    return blank_controls(text)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode a report's bytes: a given encoding, a BOM, UTF-8, or the best Chinese guess."""
    if encoding:
        try:
            return blank_controls(data.decode(encoding))
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {encoding} (byte {exc.start})") from None
    if not data.strip():
        raise ReadError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            _whole_code_units(data[len(bom) :], name)
            try:
                return blank_controls(data[len(bom) :].decode(name))
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {name} after its byte-order mark (byte {exc.start})") from None
    if b"\0" not in data:  # UTF-16 always has NULs or is not UTF-8; this keeps ASCII from reading as UTF-16
        text = _utf8(data)
        if text is not None:
            return _checked(text, data)
    utf16 = _utf16_without_bom(data)
    if utf16:
        _whole_code_units(data, utf16)
        try:
            return blank_controls(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise ReadError("binary data, not text")
    text = _utf8(data)
    if text is not None:
        return blank_controls(text)
    guesses: list[str] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            guesses.append(best.encoding)
    except ImportError:  # detection is an aid; the fixed list below still covers Chinese text
        pass
    for name in [*guesses, *_CHINESE_ENCODINGS]:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _cjk_share(text) > 0.2:
            return _checked(text, data)
    raise ReadError("cannot tell the encoding (not UTF-8, UTF-16 or GB18030); try --encoding")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block → ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0xFE6A] = "%"  # small percent sign
    table[0x2030] = "‰"
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00A0):
        table[code] = " "  # zero-width and no-break spaces split nothing in Chinese
    for code in (0x2212, 0x2010, 0x2011, 0x2012, 0xFE63):
        table[code] = "-"
    table[ord("\t")] = " "
    return table


_TABLE = _build_table()
# The characters _TABLE replaces, as a class: the few of them a text holds are found by the regex
# engine and each replaced in one str.replace, several times faster than str.translate, which
# looks every character of a Chinese text up in the table.
_TABLE_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # no encoding can write one: shown as U+FFFD


def _translated(text: str) -> str:
    """``text.translate(_TABLE)``."""
    # Each character found is replaced throughout, and the search goes on after it: one character
    # for one, and no replacement is itself replaced, so nothing before that place is left to
    # replace. Finding the characters with findall made a string of every match, and each
    # full-width comma of a report is one (this function in two thirds of the time over the corpus).
    found = _TABLE_CHARS.search(text)
    while found:
        char = found.group()
        text = text.replace(char, _TABLE[ord(char)])
        found = _TABLE_CHARS.search(text, found.end())
    return text


def normalise(text: str) -> str:
    """Full-width digits, letters, % and punctuation to ASCII, one character for one.

    A CR before LF becomes a space (the LF ends the line); a lone CR becomes a LF. Markup (front
    matter, Markdown, HTML comments, ``<br>``, literal ``\\r\\n``) becomes spaces or line breaks
    (``gzbg.read.markup``).
    """
    out = LONE_SURROGATE.sub("\ufffd", _translated(text))
    if "\r" in out:
        out = out.replace("\r\n", " \n").replace("\r", "\n")
    return blank_markup(out)


def read_text(path: str | Path, encoding: str | None = None, max_size: int | None = DEFAULT_MAX_SIZE) -> str:
    """Read a report file; every failure is a ReadError with a one-line reason. ``max_size``: the
    largest file read, in bytes (None: no limit)."""
    return decode(read_bytes(Path(path), max_size), encoding)
