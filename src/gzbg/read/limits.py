"""How much of an input gzbg reads: a size limit for every file, and for a zip-based one (.docx, a
saved .xlsx) a limit on what it expands to, checked before anything is decompressed.

A government work report is a few hundred kilobytes. Without a limit, a 1 GiB zip bomb named
.docx, a stray disk image or /dev/zero given as an input would fill memory and stop the whole run;
with one, that input is one line on standard error and the others are read.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from gzbg.errors import ReadError

__all__ = ["DEFAULT_MAX_SIZE", "MAX_RATIO", "RATIO_FLOOR", "check_archive", "check_size", "human_size", "parse_size", "read_bytes"]

DEFAULT_MAX_SIZE = 256 * 1024**2  # bytes: a thousand times a long report, far below a machine's memory
# An archive expanding more than this many times its packed size is refused: Word's own files
# expand 3 to 20 times; a zip bomb expands hundreds or thousands of times.
MAX_RATIO = 100
# Below this expanded size any ratio is accepted: a small file of repeated markup can compress very
# well, and cannot hurt.
RATIO_FLOOR = 16 * 1024**2
_CHUNK = 1024**2
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(text: str) -> int:
    """``256M``, ``1G``, ``500k`` or plain bytes; ValueError for anything else."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)(?:i?[bB])?\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a size (examples: 500K, 256M, 2G)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def human_size(size: int) -> str:
    for unit in ("G", "M", "K"):
        if size >= _UNITS[unit]:
            return f"{size / _UNITS[unit]:.1f}".rstrip("0").rstrip(".") + f" {unit}iB"
    return f"{size} bytes"


def _over(size: int, max_size: int) -> ReadError:
    return ReadError(f"{human_size(size)}, over the limit of {human_size(max_size)} (--max-size)")


def read_bytes(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a file, refused when over ``max_size`` (None: no limit).

    A regular file is judged by its size before it is read; anything else (a pipe, a device such
    as /dev/zero) is read only up to the limit, so it cannot run away.
    """
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder, not a file")
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if max_size is None:
                return handle.read()
            if stat.S_ISREG(info.st_mode) and info.st_size > max_size:
                raise _over(info.st_size, max_size)
            data = handle.read(max_size + 1)
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot be read") from None
    if len(data) > max_size:
        raise ReadError(f"more than {human_size(max_size)}, the limit (--max-size)")
    return data


def check_size(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> None:
    """Refuse a file over ``max_size`` by its size on disk, for readers that open it themselves."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot be read") from None
    if max_size is not None and size > max_size:
        raise _over(size, max_size)


def check_archive(path: Path, max_size: int | None = DEFAULT_MAX_SIZE, kind: str = "zip") -> None:
    """Refuse a zip-based file that would expand beyond ``max_size`` or by more than MAX_RATIO.

    The sizes of the central directory are checked first, before any member is decompressed; then
    every member is decompressed in chunks and counted, since those sizes are only what the file
    claims. The counting pass also finds a damaged member (a bad CRC) before a parser meets it.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            expanded = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members)
            if max_size is not None and expanded > max_size:
                raise ReadError(f"expands to {human_size(expanded)}, over the limit of {human_size(max_size)} (--max-size)")
            if expanded > RATIO_FLOOR and expanded > MAX_RATIO * max(packed, 1):
                raise ReadError(f"expands {expanded // max(packed, 1)} times its size (a zip bomb?); refused")
            budget = max_size if max_size is not None else expanded
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise ReadError(f"expands beyond what its directory says, over {human_size(max_size or expanded)}; refused")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise ReadError(f"not a readable {kind} file ({exc.__class__.__name__}: {exc})") from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot be read") from None
