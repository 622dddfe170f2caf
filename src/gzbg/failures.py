"""The one error path for an input that fails: its reason as one line, and the run goes on.

Every command that reads many inputs (extract, check, diff, track, panel; sections for its one)
turns whatever one input raises into ``(where, reason)`` with ``reason_of`` and keeps the rest;
the command prints each as ``gzbg: PATH: reason`` and exits 1. A library caller gets the same
reasons from ``gzbg.runner.extract_frame(..., failures=[])``.
"""

from __future__ import annotations

__all__ = ["Failures", "reason_of"]


def reason_of(exc: BaseException) -> str:
    """One line saying why an input could not be read or extracted."""
    import sqlite3

    from gzbg.errors import ReadError

    if isinstance(exc, ReadError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        # The tag cache is only a speed-up, but a damaged one must not read as a damaged report.
        return (
            f"the tag cache is damaged ({exc}); delete it (~/.cache/gzbg/tags.sqlite or $GZBG_CACHE_DIR) "
            "or set GZBG_CACHE_DIR= to run without it"
        )
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    message = " ".join(str(exc).split())  # one line, whatever the exception's message holds
    return f"internal error ({exc.__class__.__name__}: {message})" if message else f"internal error ({exc.__class__.__name__})"


class Failures(list):
    """(where, reason) pairs in the order met; ``add`` takes a reason or an exception."""

    def add(self, where: str, reason: str | BaseException) -> None:
        self.append((str(where), reason if isinstance(reason, str) else reason_of(reason)))

    def lines(self) -> list[str]:
        return [f"{where}: {reason}" for where, reason in self]
