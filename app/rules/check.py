"""Shared result type and text clean-up for code validators, so every form reports alike."""

from __future__ import annotations

from dataclasses import dataclass

_FULL_WIDTH_FIRST = 0xFF01
_FULL_WIDTH_LAST = 0xFF5E
_FULL_TO_HALF = 0xFEE0
_IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True)
class CodeCheck:
    """Outcome of checking one code: the cleaned value is kept even when invalid, for display."""

    value: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Warnings never block saving; only errors do."""
        return not self.errors


def to_half_width(text: str) -> str:
    """Chinese IMEs often type full-width digits and letters; codes are defined in ASCII."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if _FULL_WIDTH_FIRST <= code <= _FULL_WIDTH_LAST:
            out.append(chr(code - _FULL_TO_HALF))
        elif char == _IDEOGRAPHIC_SPACE:
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def squeeze(text: str) -> str:
    """Pasted codes carry stray spaces, tabs and line breaks that are never part of the code."""
    return "".join(to_half_width(text).split())
