"""Candidate vetting (推荐关、审核关, issue 17 item 1): a member is seated only once every
eligibility check of DOMAIN.md §2 is recorded as passed, with who checked and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import CandidateCheck
from app.rules.vetting import CHECKS, CheckIn, unmet_checks, vetting_summary
from app.services.committees import CommitteeIn, MemberIn, get_committee, save_committee
from app.services.estates import EstateIn, create_estate
from app.services.ledger_import import RowIn
from tests.conftest import COMMUNITY_A, TODAY

CHECKED_ON = date(2024, 2, 20)


def vetted(*, failing: str | None = None, missing: str | None = None) -> list[CheckIn]:
    return [
        CheckIn(item.code, item.code != failing, "社区党委", CHECKED_ON)
        for item in CHECKS
        if item.code != missing
    ]


def roster(**checks: str) -> list[MemberIn]:
    roles = ["chair"] + ["member"] * 4
    return [
        MemberIn(f"委员{i}", role, i < 3, checks=vetted(**checks) if i == 4 else vetted())
        for i, role in enumerate(roles)
    ]


@pytest.fixture
def estate(db) -> str:
    with db.sessions.begin() as s:
        return create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name="凤凰城", households=500), today=TODAY
        )


def committee(estate: str, members: list[MemberIn], **changes) -> CommitteeIn:  # type: ignore[no-untyped-def]
    base = CommitteeIn(
        estate_uuid=estate,
        elected_on=date(2024, 3, 1),
        term_start=date(2024, 3, 5),
        term_end=date(2029, 3, 4),
        filed_on=date(2024, 3, 20),
        members=members,
    )
    return replace(base, **changes)


def refused(db, data: CommitteeIn) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        save_committee(s, None, data, today=TODAY)
    return caught.value


def test_the_rule_names_what_is_not_yet_passed() -> None:
    assert unmet_checks(vetted()) == []
    assert unmet_checks(vetted(failing="time")) == ["time"]
    assert unmet_checks(vetted(missing="owner")) == ["owner"]
    assert vetting_summary(vetted(failing="time")) == "5/6 通过"


@pytest.mark.parametrize("checks", [{"missing": "owner"}, {"failing": "integrity"}])
def test_a_member_is_not_seated_until_every_check_passed(db, estate, checks) -> None:  # type: ignore[no-untyped-def]
    error = refused(db, committee(estate, roster(**checks)))
    [message] = error.for_field("members.4.checks")
    assert "委员4" in message and "资格审查未全部通过" in message
    assert ("推荐关·本物业管理区域内的业主" if "missing" in checks else "审核关·") in message


def test_all_checks_passed_seats_the_member_and_records_who_checked(db, estate) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        uuid = save_committee(s, None, committee(estate, roster()), today=TODAY)
    with db.reader() as s:
        rows = s.scalars(select(CandidateCheck)).all()
        loaded = get_committee(s, uuid)
    assert len(rows) == 5 * len(CHECKS)
    recorded = {(r.checked_by, r.checked_on, r.passed) for r in rows}
    assert recorded == {("社区党委", CHECKED_ON, True)}
    assert all(unmet_checks(m.checks) == [] for m in loaded.members)


def test_alternates_and_a_preparing_committee_need_no_checks_yet(db, estate) -> None:  # type: ignore[no-untyped-def]
    members = [*roster(), MemberIn("候补甲", "alternate")]
    with db.sessions.begin() as s:
        save_committee(s, None, committee(estate, members), today=TODAY)
    candidates = [replace(m, checks=[]) for m in roster()]
    with db.sessions.begin() as s:
        other = create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=300), today=TODAY)
        save_committee(s, None, committee(other, candidates, status="preparing"), today=TODAY)


def test_an_alternate_moved_up_must_pass_first(db, estate) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        uuid = save_committee(
            s, None, committee(estate, [*roster(), MemberIn("候补甲", "alternate")]), today=TODAY
        )
    with db.reader() as s:
        members = get_committee(s, uuid).members
    members[5] = replace(members[5], role="member")
    members[4] = replace(members[4], role="alternate")
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        save_committee(s, uuid, committee(estate, members), today=TODAY)
    assert "候补甲" in caught.value.for_field("members.5.checks")[0]
    members[5] = replace(members[5], checks=vetted())
    with db.sessions.begin() as s:
        save_committee(s, uuid, committee(estate, members), today=TODAY)


def test_members_seated_before_the_ledger_keep_their_seat_on_edit(db, estate) -> None:  # type: ignore[no-untyped-def]
    """An imported roster (require_vetting=False) is not refused later for lacking checks."""
    unvetted = [replace(m, checks=[]) for m in roster()]
    with db.sessions.begin() as s:
        uuid = save_committee(
            s, None, committee(estate, unvetted), today=TODAY, require_vetting=False
        )
    with db.reader() as s:
        members = get_committee(s, uuid).members
    with db.sessions.begin() as s:
        save_committee(s, uuid, committee(estate, members, filed_on=date(2024, 3, 21)), today=TODAY)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"checked_by": " "}, "未填写审查人"),
        ({"checked_on": None}, "未填写审查日期"),
        ({"checked_on": TODAY + timedelta(days=1)}, "不能晚于今天"),
    ],
)
def test_a_check_says_who_and_when(db, estate, change, words) -> None:  # type: ignore[no-untyped-def]
    members = roster()
    members[2] = replace(members[2], checks=[replace(members[2].checks[0], **change)])
    messages = refused(db, committee(estate, members)).for_field("members.2.checks")
    assert any(words in m and "委员2" in m for m in messages)


# --- the roster import (issue 17 task 4, vetting in Excel) -----------------------------------
def roster_row(number: int, name: str, role: str, **cells) -> RowIn:  # type: ignore[no-untyped-def]
    base = {"community": "桓谭社区", "estate": "凤凰城", "term_number": 2,
            "elected_on": date(2024, 3, 1), "term_start": date(2024, 3, 5),
            "term_end": date(2029, 3, 4), "filed_on": date(2024, 3, 20),
            "member_name": name, "role": role, "party_member": True}  # fmt: skip
    return RowIn(number, {**base, **cells})


ALL_PASSED = {f"check_{item.code}": True for item in CHECKS}
BY = {"checked_by": "社区党委 李明", "checked_on": CHECKED_ON}


def test_an_imported_roster_records_the_six_checks_and_warns_per_unvetted_row(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledger_import import apply_rows

    rows = [
        roster_row(2, "张伟", "主任", **ALL_PASSED, **BY),
        roster_row(3, "王芳", "委员", **{**ALL_PASSED, "check_time": False}, **BY),
        roster_row(4, "李强", "委员"),  # a historical term: no checks written down
        roster_row(5, "赵敏", "委员", **ALL_PASSED, **BY),
        roster_row(6, "陈静", "委员", **ALL_PASSED, **BY),
        roster_row(7, "刘洋", "候补委员"),  # not seated: no check needed
    ]
    with db.sessions.begin() as s:
        outcome = apply_rows(s, "committee", rows, today=TODAY)
    assert outcome.clean and outcome.created == 1  # warned, not refused
    warned = {(w.row, w.field): w.reason for w in outcome.warnings}
    assert set(warned) == {(3, "checked_by"), (4, "checked_by")}
    assert "王芳" in warned[(3, "checked_by")] and "具备必要的工作时间" in warned[(3, "checked_by")]
    assert "李强" in warned[(4, "checked_by")] and "按历史任职导入" in warned[(4, "checked_by")]
    with db.reader() as s:
        by_li = select(CandidateCheck).where(CandidateCheck.checked_by == "社区党委 李明")
        assert len(s.scalars(by_li).all()) == 24  # six for each of the four rows that gave them

    with db.sessions.begin() as s:  # the same sheet again: the members sit now, no warning
        again = apply_rows(s, "committee", rows, today=TODAY)
    assert again.clean and again.warnings == []


def test_a_check_without_its_checker_refuses_the_row(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledger_import import apply_rows

    rows = [roster_row(2, "张伟", "主任", **ALL_PASSED), roster_row(3, "王芳", "委员")]
    with db.sessions.begin() as s:
        outcome = apply_rows(s, "committee", rows, today=TODAY)
    assert not outcome.clean
    assert any(p.row == 2 and p.field == "checked_by" and "未填写审查人" in p.reason
               for p in outcome.problems)  # fmt: skip


def test_the_exported_roster_carries_the_checks_and_imports_again_unchanged(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledger_exports import COMMITTEE_ROSTER
    from app.services.ledger_import import apply_rows
    from app.services.listing import ListQuery

    with db.sessions.begin() as s:
        save_committee(s, None, committee(estate, roster()), today=TODAY)
    with db.reader() as s:
        page = COMMITTEE_ROSTER.page(s, ListQuery(), limit=50)
        keys = [c.key for c in COMMITTEE_ROSTER.columns]
    row = dict(zip(keys, page[0].values, strict=True))
    assert all(row[f"check_{item.code}"] for item in CHECKS)
    assert (row["checked_by"], row["checked_on"]) == ("社区党委", CHECKED_ON)
    with db.sessions.begin() as s:
        before = {c.uuid: (c.rev, c.checked_by) for c in s.scalars(select(CandidateCheck))}
    rows = [RowIn(i + 2, {**dict(zip(keys, r.values, strict=True)), "community": "桓谭社区",
                          "phone": None, "role": "主任" if i == 0 else "委员"})
            for i, r in enumerate(page)]  # fmt: skip
    with db.sessions.begin() as s:
        assert apply_rows(s, "committee", rows, today=TODAY).clean
    with db.reader() as s:
        assert {c.uuid: (c.rev, c.checked_by) for c in s.scalars(select(CandidateCheck))} == before
