"""One unit, one name: spellings of a known unit are recorded as that unit."""

from __future__ import annotations

from app.rules.unit_names import match_unit

KNOWN = ["淮北市惠民物业服务有限公司", "淮北市安居物业服务有限公司", "国网淮北供电公司"]


def test_a_spelling_or_a_unique_part_of_a_known_unit_is_that_unit() -> None:
    assert match_unit(" 淮北市惠民物业服务有限公司　", KNOWN).name == KNOWN[0]
    assert match_unit("惠民物业", KNOWN).name == KNOWN[0]
    assert match_unit("供电公司", KNOWN).known


def test_a_new_unit_stays_as_typed_and_an_ambiguous_part_names_the_candidates() -> None:
    new = match_unit("曲阳  派出所", KNOWN)
    assert (new.name, new.known, new.candidates) == ("曲阳 派出所", False, ())
    vague = match_unit("物业", KNOWN)
    assert not vague.known and vague.candidates == tuple(KNOWN[:2])
