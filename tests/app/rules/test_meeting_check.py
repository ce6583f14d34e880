"""Meeting checks: missing parties of a 五方/三方 meeting; the 承接查验小组 one-third rule."""

from __future__ import annotations

from app.rules.meeting_check import inspection_group_warnings, meeting_warnings, party_rules

FIVE = ["社区党组织", "社区居委会", "业主委员会", "物业服务企业", "辖区派出所"]


def test_a_full_five_party_meeting_has_no_warning() -> None:
    assert meeting_warnings("five_party", FIVE) == []


def test_a_five_party_meeting_without_the_police_is_warned() -> None:
    (warning,) = meeting_warnings("five_party", FIVE[:4])
    assert "缺少" in warning and "辖区派出所" in warning


def test_a_property_management_committee_stands_in_for_the_owners_committee() -> None:
    parties = [p if p != "业主委员会" else "物业管理委员会" for p in FIVE]
    assert meeting_warnings("five_party", parties) == []


def test_a_three_party_meeting_accepts_either_community_body() -> None:
    assert meeting_warnings("three_party", ["社区居委会", "业主委员会", "物业服务企业"]) == []
    assert meeting_warnings("three_party", ["业主委员会", "物业服务企业"])


def test_other_meetings_require_no_party() -> None:
    assert meeting_warnings("other", []) == []


def test_one_third_owner_representatives_is_enough() -> None:
    assert inspection_group_warnings(9, 3) == []  # 3·3 = 9 ≥ 9


def test_fewer_than_one_third_owner_representatives_is_warned() -> None:
    (warning,) = inspection_group_warnings(10, 3)  # 9 < 10
    assert "至少4人" in warning


def test_inspection_meeting_counts_owner_representatives_among_attendees() -> None:
    owner = party_rules().owner_representative
    parties = ["社区居委会", "街道", "县区主管部门", "物业服务企业", owner]
    assert meeting_warnings("inspection", parties)
    assert meeting_warnings("inspection", [*parties, owner]) == []  # 2 of 6
