"""Human numbers for casework records: 2026-0012 is the 12th problem (or task) of 2026.

People say and write these numbers (on a call, in a meeting's minutes); a uuid is for the
program. A number is given once, at creation, and kept even if the record's date is edited.
Pure rules: the format, reading what a user typed, and the next number of a year.
"""

from __future__ import annotations

import re

NUMBER = re.compile(r"^(\d{4})-(\d{1,6})$")
MIN_PREFIX = 4  # shorter uuid prefixes match too much to be worth a query


def format_number(year: int, seq: int) -> str:
    """“2026-0012”: four digits of sequence, more once a year passes 9,999."""
    return f"{year}-{seq:04d}"


def read_number(text: str) -> str | None:
    """The stored form of a typed number (“2026-12” → “2026-0012”), or None if it is not one."""
    match = NUMBER.match(text.strip())
    if match is None:
        return None
    return format_number(int(match.group(1)), int(match.group(2)))
