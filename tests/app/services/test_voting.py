"""Matters, ballots and the tally over a real register (issue 15)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import AuditEntry, Ballot, Building, HousingUnit, UnitOwner
from app.packages.tables import syncable_tables
from app.rules.voting import Count, Rule
from app.rules.voting_tally import Choice
from app.services.voting import (
    BallotIn,
    ItemIn,
    MatterIn,
    create_matter,
    get_matter,
    import_online,
    move_matter,
    record_ballot,
    tally,
)
from app.services.voting_register import OwnerIn, UnitIn, save_unit
from tests.app.services.voting_fixtures import worked_register
from tests.conftest import TODAY

Y, N, A, V = Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.VOID


@pytest.fixture
def estate(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return worked_register(s)


def matter(db, estate: str, rule: Rule = Rule.ORDINARY, **changes) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        data = MatterIn(estate, "续聘物业", [ItemIn("续聘", rule=rule)], building_uuids=[b1])
        for key, value in changes.items():
            data = type(data)(**{**data.__dict__, key: value})
        return create_matter(s, data)


def vote(db, m: str, room: str, choice: Choice, **kw) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        reason = "字迹无法辨认" if choice == V else ""
        record_ballot(
            s, BallotIn(m, kw.pop("building", "1号楼"), room, [choice], void_reason=reason, **kw)
        )


def test_the_worked_example_over_the_register(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    for room, c in {"101": Y, "102": Y, "201": Y, "202": Y, "301": Y, "302": Y, "303": Y,
                    "203": N, "401": N, "402": A}.items():  # fmt: skip
        vote(db, m, room, c)
    with db.sessions() as s:
        t = tally(s, m).items[0]
    assert t.total == Count(9, 120000)  # the parking space and 2号楼 are outside the base
    assert t.participating == Count(7, 100000)
    assert t.yes == Count(4, 69500)
    assert t.as_json()["yes"] == {"persons": 4, "area": "695.00"}
    assert t.quorum and t.passed


def test_a_second_ballot_for_a_unit_is_refused_and_nothing_changes(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    vote(db, m, "101", Y)
    with pytest.raises(InputError, match="1号楼-101 已投票"):
        vote(db, m, "101", N)
    vote(db, m, "101", N, correction=True)
    with db.sessions() as s:
        ballot = s.scalars(select(Ballot)).one()
        assert (ballot.choices, ballot.corrections) == ("no", 1)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_uuid == ballot.uuid)).all()
    assert [a.action for a in audit] == ["insert", "update"]


def test_units_outside_the_register_or_scope_are_refused(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    with pytest.raises(InputError, match="没有 1号楼-999"):
        vote(db, m, "999", Y)
    with pytest.raises(InputError, match="不在本次表决范围内"):
        vote(db, m, "101", Y, building="2号楼")
    with pytest.raises(InputError, match="车位"):
        vote(db, m, "车位1", Y)


def test_a_void_ballot_needs_a_reason_and_takes_part(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    with db.sessions.begin() as s, pytest.raises(InputError, match="无效票须注明原因"):
        record_ballot(s, BallotIn(m, "1号楼", "101", [V]))
    vote(db, m, "203", V)
    with db.sessions() as s:
        t = tally(s, m).items[0]
    assert t.void == Count(1, 10500) and t.participating == Count(1, 10500)


def test_a_proxy_needs_the_letter_of_authority(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    with pytest.raises(InputError, match="委托书"):
        vote(db, m, "101", Y, voter_kind="proxy")
    vote(db, m, "101", Y, voter_kind="proxy", proxy_ref="委托2026-001")


def test_notice_needs_15_days_and_freezes_the_base(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate, opens_on=TODAY + timedelta(days=14))
    with db.sessions.begin() as s, pytest.raises(InputError, match="不足15日"):
        move_matter(s, m, "已公告", today=TODAY)
    m = matter(db, estate, opens_on=TODAY + timedelta(days=15))
    with db.sessions.begin() as s:
        move_matter(s, m, "已公告", today=TODAY)
    with db.sessions.begin() as s:  # a unit added after the notice does not change the base
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        save_unit(s, UnitIn(b1, "501", 10000, owners=[OwnerIn("新业主")]), today=TODAY)
    with db.sessions() as s:
        assert tally(s, m).base == Count(9, 120000)


def test_a_closed_matter_takes_no_ballots_and_the_result_is_stored(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate, opens_on=TODAY + timedelta(days=15))
    with db.sessions.begin() as s:
        move_matter(s, m, "announced", today=TODAY)
        move_matter(s, m, "voting", today=TODAY)
    vote(db, m, "101", Y)
    with db.sessions.begin() as s:
        move_matter(s, m, "preliminary", today=TODAY)
        move_matter(s, m, "objection", today=TODAY)
        move_matter(s, m, "final", today=TODAY)
    with pytest.raises(InputError, match="不再接收选票"):
        vote(db, m, "102", Y)
    with db.sessions() as s:
        from app.models import VoteMatter

        stored = s.get(VoteMatter, m)
        assert stored.revocation_window_end == TODAY.replace(year=TODAY.year + 1)
        assert json.loads(stored.items[0].result_json)["participating"]["persons"] == 1


def test_paper_and_online_ballots_in_one_tally_and_no_unit_twice(db, estate) -> None:  # type: ignore[no-untyped-def]
    m = matter(db, estate)
    vote(db, m, "101", Y)
    with db.sessions.begin() as s:
        assert import_online(s, m, [{"楼栋": "1号楼", "房号": "202", "表决意见": "同意"}]) == 1
    with db.sessions.begin() as s, pytest.raises(InputError, match=r"第3行.*1号楼-101 已投票"):
        import_online(s, m, [{"楼栋": "1号楼", "房号": "203", "表决意见": "反对"},
                             {"楼栋": "1号楼", "房号": "101", "表决意见": "反对"}])  # fmt: skip
    with db.sessions() as s:
        t = tally(s, m).items[0]
    assert t.participating == Count(2, 19500)  # 203 of the refused sheet was not kept


def test_a_bad_id_number_is_refused_with_nothing_written(db, estate) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        before = s.scalar(select(func.count()).select_from(UnitOwner))
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
    with db.sessions.begin() as s, pytest.raises(InputError, match="身份证号码有误"):
        save_unit(
            s, UnitIn(b1, "601", 9000, owners=[OwnerIn("王五", "340603198001010010")]), today=TODAY
        )
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(UnitOwner)) == before
        assert (
            s.scalar(select(func.count()).select_from(HousingUnit).where(HousingUnit.room == "601"))
            == 0
        )


def test_owners_units_and_ballots_never_travel(db, estate) -> None:  # type: ignore[no-untyped-def]
    names = {t.name for t in syncable_tables()}
    assert {"vote_matter", "vote_item"} <= names
    assert not names & {"housing_unit", "unit_owner", "ballot", "vote_canvass"}


def test_an_exported_package_holds_the_matter_but_no_owner_unit_or_ballot(city) -> None:  # type: ignore[no-untyped-def]
    from app.models import Estate
    from app.packages.container import read_container
    from app.services.buildings import BuildingIn, save_building

    code = next(o.code for o in city.offices.values() if o.level == "community")
    with city.db(code).sessions.begin() as s:
        estate = s.scalars(select(Estate).where(Estate.community_code == code)).first()
        b, _ = save_building(s, BuildingIn(estate.uuid, "表决楼"))
        save_unit(
            s, UnitIn(b, "101", 9000, owners=[OwnerIn("王五", "340603198001010013")]), today=TODAY
        )
        m = create_matter(s, MatterIn(estate.uuid, "续聘物业", [ItemIn("续聘")]))
        record_ballot(s, BallotIn(m, "表决楼", "101", [Y]))
    manifest = json.loads(read_container(city.export(code)).manifest)
    assert {"vote_matter", "vote_item"} <= set(manifest["tables"])
    assert not set(manifest["tables"]) & {"housing_unit", "unit_owner", "ballot", "vote_canvass"}


def test_an_election_that_passes_adds_a_committee_term_with_its_members(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.models import Committee, CommitteeMember

    names = [("甲", "主任"), ("乙", "委员"), ("丙", "委员"), ("丁", "委员"), ("戊", "委员"),
             ("己", "委员")]  # fmt: skip
    items = [ItemIn(f"选举{n}为业主委员会{r}", category=3) for n, r in names]
    with db.sessions.begin() as s:
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        m = create_matter(s, MatterIn(estate, "选举第一届业主委员会", items, building_uuids=[b1],
                                      opens_on=TODAY + timedelta(days=15),
                                      closes_on=TODAY + timedelta(days=15)))  # fmt: skip
        vet_all(s, m, [n for n, _ in names])
        move_matter(s, m, "announced", today=TODAY)
        move_matter(s, m, "voting", today=TODAY)
    # 7 of 9 persons and exactly ⅔ of the area take part; 己 is voted down.
    for room in ("101", "102", "201", "202", "203", "204", "301", "401"):
        with db.sessions.begin() as s:
            record_ballot(s, BallotIn(m, "1号楼", room, [Y, Y, Y, Y, Y, N]))
    with db.sessions.begin() as s:
        move_matter(s, m, "preliminary", today=TODAY)
        move_matter(s, m, "objection", today=TODAY)
        assert s.scalar(select(func.count()).select_from(Committee)) == 0  # not before 结果公告
        move_matter(s, m, "final", today=TODAY + timedelta(days=20))
    with db.sessions() as s:
        term = s.scalars(select(Committee)).one()
        assert (term.estate_uuid, term.term_number, term.status) == (estate, 1, "active")
        assert term.term_start == TODAY + timedelta(days=20)
        roster = {(m.name, m.role) for m in s.scalars(select(CommitteeMember))}
        assert roster == {("甲", "chair"), ("乙", "member"), ("丙", "member"),
                          ("丁", "member"), ("戊", "member")}  # fmt: skip
        # seated with the vetting recorded before the notice (推荐关、审核关), copied over
        from app.models import CandidateCheck
        from app.rules.vetting import CHECKS

        for member in s.scalars(select(CommitteeMember)):
            checks = s.scalars(
                select(CandidateCheck).where(CandidateCheck.member_uuid == member.uuid)
            ).all()
            assert {(c.item, c.passed, c.checked_by) for c in checks} == {
                (c.code, True, "桓谭社区党委") for c in CHECKS
            }
        audited = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.table_name == "committee", AuditEntry.row_uuid == term.uuid)
        )
        assert audited == 1


def test_a_failed_or_nameless_election_leaves_the_ledger_alone(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.models import Committee
    from app.rules.voting_election import candidate, elected

    assert candidate("选举 张三 为业委会副主任") == ("张三", "vice_chair")
    assert candidate("更换业主委员会成员") is None
    assert (
        elected([(3, "选举甲为业主委员会委员", False), (4, "选举乙为业主委员会委员", True)]) == []
    )
    items = [ItemIn("选举甲为业主委员会主任", category=3)]
    with db.sessions.begin() as s:
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        m = create_matter(s, MatterIn(estate, "选举", items, building_uuids=[b1],
                                      opens_on=TODAY + timedelta(days=15)))  # fmt: skip
        vet_all(s, m, ["甲"])
        move_matter(s, m, "announced", today=TODAY)
        move_matter(s, m, "voting", today=TODAY)
    vote(db, m, "101", Y)  # far from the quorum
    with db.sessions.begin() as s:
        for step in ("preliminary", "objection", "final"):
            move_matter(s, m, step, today=TODAY)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Committee)) == 0


def vet_all(s, matter: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Every check passed for each candidate, recorded before the notice."""
    from app.rules.vetting import CHECKS, CheckIn
    from app.services.voting_election import record_candidate_checks

    checks = [CheckIn(c.code, True, "桓谭社区党委", TODAY) for c in CHECKS]
    for name in names:
        record_candidate_checks(s, get_matter(s, matter), name, checks, today=TODAY)


def test_the_notice_of_an_election_waits_for_every_candidates_vetting(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.models import VoteCandidateCheck
    from app.rules.vetting import CHECKS, CheckIn
    from app.services.voting_election import candidate_checks, record_candidate_checks

    items = [
        ItemIn("选举甲为业主委员会主任", category=3),
        ItemIn("选举乙为业主委员会委员", category=3),
    ]
    with db.sessions.begin() as s:
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        m = create_matter(s, MatterIn(estate, "选举", items, building_uuids=[b1],
                                      opens_on=TODAY + timedelta(days=15)))  # fmt: skip
        vet_all(s, m, ["甲"])
        partial = [CheckIn(c.code, c.code != "integrity", "街道", TODAY) for c in CHECKS]
        record_candidate_checks(s, get_matter(s, m), "乙", partial, today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError) as refused:
        move_matter(s, m, "announced", today=TODAY)
    message = refused.value.problems[0].message
    assert "乙" in message and "审核关·热心公益、责任心强、公正廉洁" in message
    assert "甲" not in message
    with db.sessions() as s:
        assert get_matter(s, m).status == "draft"  # nothing changed
    # not a candidate of the matter; a check with no checker; after the notice
    with db.sessions.begin() as s, pytest.raises(InputError, match="不是本事项议题所列的候选人"):
        vet_all(s, m, ["丙"])
    with db.sessions.begin() as s, pytest.raises(InputError, match="未填写审查人"):
        record_candidate_checks(s, get_matter(s, m), "乙", [CheckIn("integrity", True, "", TODAY)],
                                today=TODAY)  # fmt: skip
    with db.sessions.begin() as s:
        vet_all(s, m, ["乙"])  # a check recorded again replaces it
        assert all(len(c) == len(CHECKS) for c in candidate_checks(s, get_matter(s, m)).values())
        assert s.scalar(select(func.count()).select_from(VoteCandidateCheck)) == 2 * len(CHECKS)
        move_matter(s, m, "announced", today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError, match="须在公告前完成"):
        vet_all(s, m, ["乙"])
