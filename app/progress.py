"""Progress and cancellation for long core work, without Qt: the UI adapts it, the CLI prints it."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user asked long work to stop; the transaction around it rolls back."""


class Progress(Protocol):
    def report(self, done: int, total: int) -> None: ...

    def cancelled(self) -> bool: ...


class NoProgress:
    """For callers that neither show progress nor cancel (tests, scripts)."""

    def report(self, done: int, total: int) -> None:
        pass

    def cancelled(self) -> bool:
        return False


def step(progress: Progress, done: int, total: int) -> None:
    """Report and stop at once if the user cancelled: the one call long loops make."""
    progress.report(done, total)
    if progress.cancelled():
        raise Cancelled
