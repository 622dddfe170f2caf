"""Errors a library caller can catch by name."""

from __future__ import annotations

__all__ = ["ArgumentError", "ReadError"]


class ReadError(Exception):
    """The input cannot be turned into report text; the message is one line for the user."""


class ArgumentError(TypeError):
    """A library function was given an argument of the wrong kind; the message says what it takes."""


def require_text(text, function: str) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise ArgumentError(
            f"{function} takes the report's text as str, not bytes: decode it first (gzbg.read.decode.decode detects the encoding)"
        )
    raise ArgumentError(f"{function} takes the report's text as str, not {type(text).__name__}")
