"""Stage 1: turn bytes into text, and text into a normalised copy of the same length.

Offsets in every later stage point into the normalised text; because normalisation replaces one
character by exactly one character, they are offsets into the decoded original too.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gzbg.read.markup import blank_markup

__all__ = ["ReadError", "decode", "normalise", "read_text"]


class ReadError(Exception):
    """The input cannot be turned into report text; the message is one line for the user."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings a Chinese report is plausibly written in, tried after UTF-8 when detection is unsure.
_CHINESE_ENCODINGS = ("gb18030", "big5")


# Bytes read from the start of a file to tell binary from text and to spot BOM-less UTF-16: a
# few lines of any report, small enough to cost nothing.
_SNIFF_BYTES = 4096
# A text file has almost no control characters besides tab and line ends; more than 5% of the
# sample means the file is not text.
_BINARY_CONTROL_SHARE = 0.05


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample and not _utf16_without_bom(sample):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * _BINARY_CONTROL_SHARE


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Chinese text has few NULs; ASCII-heavy lines (digits, newlines) give the tell-tale pattern.
    if odd > half * 0.1 and even == 0:
        return "utf-16-le"
    if even > half * 0.1 and odd == 0:
        return "utf-16-be"
    return None


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk / len(text)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode a report's bytes: a given encoding, a BOM, UTF-8, or the best Chinese guess."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {encoding} (byte {exc.start})") from None
    if not data.strip():
        raise ReadError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name)
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {name} after its byte-order mark (byte {exc.start})") from None
    utf16 = _utf16_without_bom(data[:_SNIFF_BYTES])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise ReadError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
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
            return text
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
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # no encoding can write one: shown as U+FFFD


def normalise(text: str) -> str:
    """Full-width digits, letters, % and punctuation to ASCII, one character for one.

    A CR before LF becomes a space (the LF ends the line); a lone CR becomes a LF. Markup (front
    matter, Markdown, HTML comments, ``<br>``, literal ``\\r\\n``) becomes spaces or line breaks
    (``gzbg.read.markup``).
    """
    out = LONE_SURROGATE.sub("\ufffd", text.translate(_TABLE))
    if "\r" in out:
        out = out.replace("\r\n", " \n").replace("\r", "\n")
    return blank_markup(out)


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Read a report file; every failure is a ReadError with a one-line reason."""
    p = Path(path)
    if not p.exists():
        raise ReadError("no such file")
    if p.is_dir():
        raise ReadError("is a folder, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot be read") from None
    return decode(data, encoding)
