"""Packages downward (issue 16 item 1): what an office sends each subordinate, the relay across
three levels, exactly-once by receipts, and the refusals of a forged or misdirected package."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import Circular, CircularParty, Task, TaskAnswer, TaskAnswerReview
from app.packages.downward import export_down, export_down_all
from app.packages.refusal import Refused
from app.services.circulars import CircularIn, add_circular
from app.services.holidays import work_calendar
from app.services.tasks import TaskIn, add_task, answer_task, office_tasks, review_answer
from tests.app.packages.conftest import (
    COMMUNITY_1,
    COMMUNITY_2,
    COMMUNITY_3,
    DISTRICT,
    NOW,
    STREET_1,
    STREET_2,
    City,
    reseal,
)
from tests.conftest import TODAY

pytestmark = pytest.mark.slow


@pytest.fixture
def known(known_city: City) -> City:
    return known_city


def issue_task(city: City, at: str, to_office: str, title: str = "整改消防通道堵塞") -> str:
    db = city.db(at)
    with db.sessions.begin() as s:
        return add_task(
            s, TaskIn(title=title, issued_on=TODAY, to_office=to_office), work_calendar(s)
        )


def issue_circular(city: City, at: str, party: str) -> str:
    db = city.db(at)
    with db.sessions.begin() as s:
        return add_circular(
            s,
            CircularIn(
                kind="criticism",
                title="关于物业服务问题的通报",
                facts="消防通道长期堵塞",
                issued_on=TODAY,
                parties=[("office", party)],
            ),
            today=TODAY,
        )


def held(city: City, code: str, model: type, uuid: str) -> bool:
    with city.db(code).reader() as s:
        return s.get(model, uuid) is not None


def relay_down(city: City, *path: str) -> None:
    """District → street → community: each office exports down to the next, which imports."""
    for upper, lower in itertools.pairwise(path):
        city.send_down(upper, lower)


def test_a_district_task_reaches_its_community_through_the_street_and_the_answer_returns(
    known: City,
) -> None:
    city = known
    task = issue_task(city, DISTRICT, COMMUNITY_1)
    relay_down(city, DISTRICT, STREET_1, COMMUNITY_1)
    assert held(city, STREET_1, Task, task) and held(city, COMMUNITY_1, Task, task)
    assert not held(city, STREET_2, Task, task)
    with city.db(COMMUNITY_1).reader() as s:
        incoming = office_tasks(s, "incoming", TODAY, work_calendar(s))
    assert [line.task.uuid for line in incoming] == [task]

    db = city.db(COMMUNITY_1)
    with db.sessions.begin() as s:
        answer = answer_task(s, task, TODAY, "已清理通道并设置禁停标识", today=TODAY)
    city.send_up(COMMUNITY_1)
    city.send_up(STREET_1)
    assert held(city, DISTRICT, TaskAnswer, answer)
    with city.db(DISTRICT).reader() as s:
        issued = office_tasks(s, "issued", TODAY, work_calendar(s))
    assert issued[0].answer_state == "answered" and issued[0].answers[-1].on_time

    with city.db(DISTRICT).sessions.begin() as s:
        review = review_answer(s, task, accept=True, on=TODAY, today=TODAY)
    relay_down(city, DISTRICT, STREET_1, COMMUNITY_1)
    assert held(city, COMMUNITY_1, TaskAnswerReview, review)
    with city.db(DISTRICT).reader() as s:
        status = s.get(Task, task).status  # type: ignore[union-attr]
    with city.db(COMMUNITY_1).reader() as s:
        assert s.get(Task, task).status == status != "open"  # type: ignore[union-attr]


def test_a_circular_goes_to_every_office_below_with_its_parties(known: City) -> None:
    city = known
    circular = issue_circular(city, DISTRICT, COMMUNITY_3)
    for street, community in ((STREET_1, COMMUNITY_1), (STREET_2, COMMUNITY_3)):
        relay_down(city, DISTRICT, street, community)
        assert held(city, community, Circular, circular)
        with city.db(community).reader() as s:
            parties = select(CircularParty.to_office).where(CircularParty.circular_uuid == circular)
            assert list(s.scalars(parties)) == [COMMUNITY_3]


def test_rows_go_down_once_until_changed_and_never_back_up(known: City) -> None:
    city = known
    task = issue_task(city, DISTRICT, COMMUNITY_1)
    first = city.send_down(DISTRICT, STREET_1)
    assert first.direction == "down" and first.tables["task"].inserted == 1
    db = city.db(DISTRICT)
    with db.sessions.begin() as s:  # the receipt moved the cursor: nothing new to send
        assert export_down(s, db.path, city.folder / "x.wypkg", to=STREET_1, now=NOW,
                           allow_empty=False) is None  # fmt: skip
    with db.sessions.begin() as s:
        s.get(Task, task).title = "整改消防通道堵塞（加急）"  # type: ignore[union-attr]
    again = city.send_down(DISTRICT, STREET_1)
    assert again.tables["task"].updated == 1
    # The street's next package upward does not carry the district's own rows back.
    up = city.send_up(STREET_1)
    assert "task" not in up.tables or up.tables["task"].changed == 0
    assert not up.errors


def test_down_all_writes_one_package_per_subordinate_with_news(known: City) -> None:
    city = known
    issue_task(city, DISTRICT, COMMUNITY_1)
    out = city.folder / "down"
    out.mkdir()
    db = city.db(DISTRICT)
    with db.sessions.begin() as s:
        done = export_down_all(s, db.path, out, now=NOW)
    assert [r.receivers for r in done.written] == [(STREET_1,)]
    assert done.nothing_new == [STREET_2]
    assert len(list(out.glob("*.wypkg"))) == 1


def test_a_community_cannot_edit_a_row_the_street_issued(known: City) -> None:
    city = known
    task = issue_task(city, STREET_1, COMMUNITY_1)
    city.send_down(STREET_1, COMMUNITY_1)
    db = city.db(COMMUNITY_1)
    with pytest.raises(InputError, match="只能由该单位修改"), db.sessions.begin() as s:
        s.get(Task, task).deadline = TODAY  # type: ignore[union-attr]
    with pytest.raises(InputError, match="只能由该单位修改"), db.sessions.begin() as s:
        s.delete(s.get(Task, task))


# --- refusals -------------------------------------------------------------------------------


def refused(city: City, package: Path, code: str, receiver: str) -> str:
    before = city.dump(receiver)
    with pytest.raises(Refused) as caught:
        city.receive(receiver, package)
    assert caught.value.code == code
    assert city.dump(receiver) == before
    return caught.value.message


def test_a_down_package_at_another_office_is_refused(known: City) -> None:
    issue_task(known, DISTRICT, COMMUNITY_1)
    package = known.export_down(DISTRICT, STREET_1)
    assert "不是发给本单位" in refused(known, package, "wrong_receiver", STREET_2)


def test_a_tampered_down_package_is_refused(known: City) -> None:
    issue_task(known, DISTRICT, COMMUNITY_1)
    package = known.export_down(DISTRICT, STREET_1)
    with zipfile.ZipFile(package) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    data = bytearray(parts["payload.bin"])
    data[len(data) // 2] ^= 0xFF
    parts["payload.bin"] = bytes(data)
    bad = known.folder / "bad.wypkg"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, value in parts.items():
            zf.writestr(name, value)
    refused(known, bad, "payload_tampered", STREET_1)


def test_a_replayed_down_package_changes_nothing(known: City) -> None:
    issue_task(known, DISTRICT, COMMUNITY_1)
    package = known.export_down(DISTRICT, STREET_1)
    known.receive(STREET_1, package)
    before = known.dump(STREET_1)
    assert known.receive(STREET_1, package).already_imported
    assert known.dump(STREET_1) == before


def test_a_down_package_from_below_is_refused(known: City) -> None:
    """A community's package marked downward (it signs it itself): not from the superior."""
    package = known.export(COMMUNITY_1)
    forged = reseal(known, package, known.folder / "f.wypkg", lambda con: None)
    forged = _redirect(known, forged, "down")
    assert "直接上级" in refused(known, forged, "unknown_sender", STREET_1)


def _redirect(city: City, package: Path, direction: str) -> Path:
    from tests.app.packages.conftest import forge

    def mark(m: dict) -> None:  # type: ignore[type-arg]
        m["direction"] = direction

    return forge(city, package, city.folder / f"{direction}.wypkg", manifest=mark)


def test_a_street_cannot_send_down_a_row_in_the_communitys_name(known: City) -> None:
    city = known
    task = issue_task(city, STREET_1, COMMUNITY_1)
    package = city.export_down(STREET_1, COMMUNITY_1)

    def in_its_name(con: sqlite3.Connection) -> None:
        con.execute("UPDATE task SET origin = ?", (COMMUNITY_1,))

    bad = reseal(city, package, city.folder / "own.wypkg", in_its_name,
                 sender=STREET_1, receiver=COMMUNITY_1)  # fmt: skip
    report = city.receive(COMMUNITY_1, bad)
    assert report.tables["task"].rejected == 1
    assert [e.code for e in report.errors] == ["not_owner"]
    assert not held(city, COMMUNITY_1, Task, task)


def test_a_down_row_that_rewrites_a_row_the_receiver_owns_is_rejected(known: City) -> None:
    city = known
    db = city.db(COMMUNITY_1)
    with db.sessions.begin() as s:  # the community's own task to a company
        mine = add_task(s, TaskIn(title="维修路灯", to_unit="恒信物业", issued_on=TODAY),
                        work_calendar(s))  # fmt: skip
    issue_task(city, STREET_1, COMMUNITY_1)
    package = city.export_down(STREET_1, COMMUNITY_1)

    def rewrite(con: sqlite3.Connection) -> None:
        con.execute("UPDATE task SET uuid = ?, rev = 99", (mine,))

    bad = reseal(city, package, city.folder / "rw.wypkg", rewrite,
                 sender=STREET_1, receiver=COMMUNITY_1)  # fmt: skip
    report = city.receive(COMMUNITY_1, bad)
    assert [e.code for e in report.errors] == ["owner_changed"]
    with db.reader() as s:
        assert s.get(Task, mine).title == "维修路灯"  # type: ignore[union-attr]


def test_a_down_package_carrying_rows_that_do_not_travel_down_is_refused(known: City) -> None:
    city = known
    issue_task(city, STREET_1, COMMUNITY_1)
    package = city.export(STREET_1, snapshot=True)  # the street's org rows, upward
    # re-addressed to the community and marked downward, signed by the street
    from app.packages import keys
    from app.packages.export import seal
    from app.packages.importer import Checked, check_package

    checked = check_package(city.db(DISTRICT), package)
    assert isinstance(checked, Checked)
    manifest = {k: v for k, v in checked.manifest.items() if k != "payload"}
    manifest["direction"] = "down"
    street = city.db(STREET_1)
    with street.reader() as s:
        _, sign_key = keys.own_signing_key(s, street.path, STREET_1)
        enc = keys.current_key(s, COMMUNITY_1, "enc")
    assert enc is not None
    manifest["receivers"] = [{"code": COMMUNITY_1, "enc_key_id": enc.key_id}]
    bad = city.folder / "org-down.wypkg"
    seal(bad, manifest, checked.payload_file.read_bytes(), sign_key, [enc.public_key])
    assert "不应下发" in refused(city, bad, "not_down", COMMUNITY_1)


def test_an_answer_arriving_before_its_task_waits_then_is_applied(known: City) -> None:
    """The street imports the community's answer before the district's task (its file was
    restored from a copy taken before the task arrived): the answer waits, then lands."""
    city = known
    task = issue_task(city, DISTRICT, COMMUNITY_1)
    package = city.export_down(DISTRICT, STREET_1)
    street = city.path(STREET_1)
    city.close(STREET_1)
    saved = street.with_name("before.sqlite")
    shutil.copy(street, saved)
    city.receive(STREET_1, package)
    city.send_down(STREET_1, COMMUNITY_1)
    with city.db(COMMUNITY_1).sessions.begin() as s:
        answer = answer_task(s, task, TODAY, "已整改", today=TODAY)
    up = city.export(COMMUNITY_1)
    city.close(STREET_1)
    for suffix in ("-wal", "-shm"):
        Path(str(street) + suffix).unlink(missing_ok=True)
    shutil.copy(saved, street)  # the street as it was before the task came down

    early = city.receive(STREET_1, up)
    assert early.tables["task_answer"].pending == 1
    assert not held(city, STREET_1, TaskAnswer, answer)
    late = city.receive(STREET_1, package)
    assert late.tables["task"].inserted == 1
    assert held(city, STREET_1, TaskAnswer, answer)


def test_the_holiday_table_goes_down_with_the_packages(known: City) -> None:
    from datetime import date

    from app.services.holidays import complete_years, list_overrides, mark_year, set_override

    city = known
    with city.db(DISTRICT).sessions.begin() as s:
        for day in range(1, 8):
            set_override(s, date(2027, 10, day), is_workday=False, note="国庆节")
        set_override(s, date(2027, 9, 26), is_workday=True, note="国庆调休")
        mark_year(s, 2027, complete=True)
    issue_task(city, DISTRICT, COMMUNITY_1)
    dry = city.receive(STREET_1, city.export_down(DISTRICT, STREET_1), dry_run=True)
    assert "已按上级单位的节假日调休表更新 8 天" in dry.warnings
    with city.db(STREET_1).reader() as s:
        assert list_overrides(s, 2027) == []  # a dry run takes over nothing
    relay_down(city, DISTRICT, STREET_1, COMMUNITY_1)
    with city.db(COMMUNITY_1).reader() as s:
        entries = list_overrides(s, 2027)
        assert len(entries) == 8 and entries[0] == (date(2027, 9, 26), True, "国庆调休")
        assert 2027 in complete_years(s)
        assert not work_calendar(s).is_workday(date(2027, 10, 4))


def test_a_review_of_a_submission_comes_down_as_a_row_and_moves_the_report(known: City) -> None:
    from datetime import date, datetime

    from app.services.submissions import list_submissions, review, submit

    city = known
    with city.db(COMMUNITY_1).sessions.begin() as s:
        uuid = submit(s, "2026-11", "月报", now=datetime(2026, 12, 3, 10, 0)).uuid
    city.send_up(COMMUNITY_1)
    with city.db(STREET_1).sessions.begin() as s:
        review(s, uuid, "accept", now=datetime(2026, 12, 9, 11, 0))
    report = city.send_down(STREET_1, COMMUNITY_1)
    assert report.tables["submission_review"].inserted == 1
    assert "上级审核意见 1 条已应用到本单位的报表" in report.warnings
    with city.db(COMMUNITY_1).reader() as s:
        shown = list_submissions(s, today=date(2026, 12, 9), period="2026-11")[0]
    assert shown.status == "accepted" and shown.locked
    # the other community's package carries no review of this one's report
    other = city.receive(COMMUNITY_2, city.export_down(STREET_1, COMMUNITY_2))
    assert (
        other.tables.get("submission_review") is None
        or not other.tables["submission_review"].changed
    )


def test_an_office_cannot_address_a_row_outside_its_subtree(known: City) -> None:
    """A community's task forged to address its sibling is rejected at the street."""
    city = known
    with city.db(COMMUNITY_1).sessions.begin() as s:
        add_task(s, TaskIn(title="维修路灯", to_unit="恒信物业", issued_on=TODAY), work_calendar(s))
    package = city.export(COMMUNITY_1)

    def to_sibling(con: sqlite3.Connection) -> None:
        con.execute("UPDATE task SET to_office = ?", (COMMUNITY_2,))

    bad = reseal(city, package, city.folder / "sibling.wypkg", to_sibling)
    report = city.receive(STREET_1, bad)
    assert [(e.code, e.field) for e in report.errors] == [("other_office", "to_office")]


def test_a_street_interview_reaches_the_community_and_its_commitment_comes_back(
    known: City,
) -> None:
    from datetime import datetime

    from app.models import Interview, InterviewCommitment
    from app.services.interviews import InterviewIn, add_commitment, add_interview

    city = known
    with city.db(STREET_1).sessions.begin() as s:
        interview = add_interview(
            s,
            InterviewIn(
                subject=COMMUNITY_1,
                reason="消防通道整改逾期",
                meets_at=datetime(2026, 11, 27, 9, 0),
                place="街道会议室",
                notified_on=TODAY,
            ),
            today=TODAY,
        )
    city.send_down(STREET_1, COMMUNITY_1)
    assert held(city, COMMUNITY_1, Interview, interview)
    with city.db(COMMUNITY_1).sessions.begin() as s:
        commitment = add_commitment(s, interview, on=TODAY, text="一周内清理完毕", today=TODAY)
    city.send_up(COMMUNITY_1)
    assert held(city, STREET_1, InterviewCommitment, commitment)
    # the other community holds no copy of it
    city.send_down(STREET_1, COMMUNITY_2)
    assert not held(city, COMMUNITY_2, Interview, interview)
