"""One unit, one name: the 承办单位 typed for a task is matched against the units already known,
so “恒信物业”, “恒信物业 ” and “淮北市恒信物业服务有限公司” are not three units in the figures.

Pure rules: the key two spellings share, and the known unit a typed name stands for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def unit_key(name: str) -> str:
    """Full-width letters and digits folded (NFKC), spaces dropped, case ignored."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).casefold()


def clean_unit(name: str) -> str:
    """The typed name as it is stored when it is a new unit: NFKC, spaces trimmed/collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip()


@dataclass(frozen=True)
class UnitMatch:
    name: str  # what to record
    known: bool  # `name` is a known unit's spelling
    candidates: tuple[str, ...] = ()  # known units the typed text is part of, when several


def match_unit(typed: str, known: Sequence[str]) -> UnitMatch:
    """The known unit `typed` names: the same name spelt differently, or the one known name
    containing it (“惠民物业” → 淮北市惠民物业服务有限公司). Otherwise the typed name, cleaned:
    free text stays allowed for a unit met for the first time."""
    key = unit_key(typed)
    if not key:
        return UnitMatch("", False)
    for name in known:
        if unit_key(name) == key:
            return UnitMatch(name, True)
    containing = tuple(dict.fromkeys(n for n in known if key in unit_key(n)))
    if len(containing) == 1 and len(key) >= 2:
        return UnitMatch(containing[0], True)
    return UnitMatch(clean_unit(typed), False, containing)
