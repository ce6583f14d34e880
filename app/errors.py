"""Errors the core raises: each carries Chinese text a user can act on, and where it happened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it concerns and why, in Chinese."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class WuyeError(Exception):
    """Base of the errors a user is meant to read; anything else is a bug."""


class InputError(WuyeError):
    """Bad input: nothing was written. Holds every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem] | Problem | str, *, where: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.where = where
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = [str(p) for p in self.problems]
        prefix = f"{self.where}: " if self.where else ""
        return prefix + "；".join(lines)

    def for_field(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]


class NotFound(WuyeError):
    """A record named by the caller does not exist (or was deleted)."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(f"找不到{what}：{key}")


class DatabaseError(WuyeError):
    """The database file cannot be used as it is (not ours, newer than this program, corrupt)."""
