"""约谈 and 通报 across two offices (issue 16 items 2, 5, 6): the street summons a community;
the interview, carried down as a package would, is read-only there and the community answers
with a commitment it owns; carried up, the street sees it; an interview not rectified in time
is escalated to a circular that counts on the party's record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.errors import InputError
from app.models import Circular as CircularRow
from app.services.circulars import CircularIn, add_circular, circular_counts, get_circular
from app.services.interviews import (
    InterviewIn,
    add_commitment,
    add_interview,
    get_interview,
    mark_rectified,
    record_interview,
)
from app.services.offices import init_office
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, STREET

NOTIFIED = date(2026, 11, 16)
TODAY = date(2026, 12, 1)


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "community.sqlite", actor="社区")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    yield database
    database.close()


def summon(db: Database) -> str:
    data = InterviewIn("office", COMMUNITY_A, "月报连续迟报", "当面约谈",
                       datetime(2026, 11, 20, 9, 30), "街道会议室", "物业办主任", "社区书记",
                       NOTIFIED)  # fmt: skip
    with db.sessions.begin() as s:
        return add_interview(s, data, today=TODAY)


def test_the_summoned_office_answers_with_its_own_commitment(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = summon(db)
    with db.sessions.begin() as s:
        record_interview(s, uuid, held_on=date(2026, 11, 20), record="说明了原因",
                         rectify_by=date(2026, 11, 27), today=TODAY)  # fmt: skip
    carry(db, community, "interview", uuid)
    with community.sessions.begin() as s, pytest.raises(InputError, match="不是本单位发起的"):
        mark_rectified(s, uuid, on=date(2026, 11, 25), today=TODAY)  # the street's row
    with community.sessions.begin() as s:
        commitment = add_commitment(s, uuid, on=date(2026, 11, 20), text="每月5日前报送",
                                    due=date(2026, 12, 5), today=TODAY)  # fmt: skip
    carry(community, db, "interview_commitment", commitment)
    with db.reader() as s:
        view = get_interview(s, uuid, today=TODAY)
    assert [(c.office, c.text) for c in view.commitments] == [(COMMUNITY_A, "每月5日前报送")]
    assert view.state == "held" and view.late  # 11-27 passed without rectification


def test_an_overdue_interview_escalates_to_a_circular_once(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = summon(db)
    with db.sessions.begin() as s:
        record_interview(s, uuid, held_on=date(2026, 11, 20), record="说明了原因",
                         rectify_by=date(2026, 11, 27), today=TODAY)  # fmt: skip
        data = CircularIn("批评", "关于桓谭社区月报迟报的通报", "约谈后仍未整改",
                          issued_on=TODAY, doc_number="曲街物办〔2026〕6号",
                          parties=[("office", COMMUNITY_A), ("company", "恒信物业")],
                          interview_uuid=uuid)  # fmt: skip
        circular = add_circular(s, data, today=TODAY)
    with db.reader() as s:
        assert get_interview(s, uuid, today=TODAY).state == "escalated"
        assert circular_counts(s, "桓谭社区") == {"praise": 0, "criticism": 1}
    with db.sessions.begin() as s, pytest.raises(InputError, match="已升级为通报"):
        add_circular(s, data, today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError, match="已升级为通报"):
        mark_rectified(s, uuid, on=TODAY, today=TODAY)
    carry(db, community, "circular", circular)
    with db.reader() as s:
        party_uuids = [p.uuid for p in s.get(CircularRow, circular).parties]  # type: ignore[union-attr]
    for party in party_uuids:
        carry(db, community, "circular_party", party)
    with community.reader() as s:
        assert circular_counts(s, "桓谭社区")["criticism"] == 1
        assert get_circular(s, circular).issuer == "曲阳街道"


def test_a_circular_names_only_offices_below_and_needs_a_party(db) -> None:  # type: ignore[no-untyped-def]
    data = CircularIn("表扬", "关于表扬的通报", "按期完成", issued_on=TODAY,
                      parties=[("office", STREET)])  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError, match="找不到本单位下级的单位"):
        add_circular(s, data, today=TODAY)
    data.parties = []
    with db.sessions.begin() as s, pytest.raises(InputError, match="请至少写明一个"):
        add_circular(s, data, today=TODAY)

