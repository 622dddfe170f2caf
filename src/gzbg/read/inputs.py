"""Turn the command line's files, folders and globs into the list of documents to read."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from gzbg.read.formats import SUFFIXES

__all__ = ["Input", "expand_inputs"]

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    path: Path
    doc: str  # the name written in the table: as given, or relative to the folder given


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _folder(folder: Path) -> list[Input]:
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if _hidden(relative) or not path.is_file() or path.suffix.lower() not in SUFFIXES:
            continue
        found.append(Input(path, relative.as_posix()))
    return found


def expand_inputs(arguments: list[str]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Documents in the order given (folders and globs sorted), and (argument, reason) errors.

    A folder is read recursively for files with a known extension; hidden files and folders are
    skipped. A plain path is kept even when missing, so that reading it reports the reason.
    """
    inputs: list[Input] = []
    errors: list[tuple[str, str]] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = _folder(path)
            if not found:
                errors.append((argument, "folder holds no .txt, .md, .html, .docx or .pdf file"))
            inputs.extend(found)
        elif _GLOB_CHARS & set(argument) and not path.exists():
            matches = sorted(m for m in glob.glob(argument, recursive=True) if Path(m).is_file())
            if not matches:
                errors.append((argument, "no file matches"))
            inputs.extend(Input(Path(m), m) for m in matches)
        else:
            inputs.append(Input(path, argument))
    return inputs, errors
