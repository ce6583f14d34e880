"""A package (or onboarding file, or receipt) refused before anything is written."""

from __future__ import annotations

from app.errors import InputError, Problem


class Refused(InputError):
    """`code` names the reason for scripts and tests; the message says it in Chinese."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(Problem("", message))
