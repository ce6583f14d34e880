"""Joint meetings: saved whole with attendees and resolutions, warned about missing parties."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import MeetingAttendee, Resolution
from app.services.listing import ListQuery
from app.services.meetings import MEETINGS, ResolutionIn, get_meeting, save_meeting
from app.services.problems import create_problem, draft_from_resolution
from tests.app.services.casework_fixtures import FIVE, a_meeting
from tests.conftest import TODAY


def test_a_full_five_party_meeting_saves_without_warnings(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting())
    assert saved.warnings == () and len(saved.resolution_uuids) == 2
    with db.reader() as s:
        back = get_meeting(s, saved.uuid)
        assert [a.party for a in back.attendees] == FIVE
        assert MEETINGS.page(s, ListQuery())[0].values[-1] == 2  # resolutions column


def test_a_missing_party_is_a_warning_and_the_meeting_is_still_saved(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting(parties=FIVE[:4]))
    assert any("辖区派出所" in w for w in saved.warnings)
    with db.reader() as s:
        assert get_meeting(s, saved.uuid).held_on is not None


def test_editing_keeps_resolution_identity_and_replaces_attendees(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting())
    with db.reader() as s:
        data = get_meeting(s, saved.uuid)
    data.resolutions[0].content = "3号楼电梯两周内完成维保"
    data.attendees = data.attendees[:3]
    with db.sessions.begin() as s:
        again = save_meeting(s, saved.uuid, data)
    assert again.resolution_uuids == saved.resolution_uuids
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(MeetingAttendee)) == 3
        assert s.get(Resolution, saved.resolution_uuids[0]).content.startswith("3号楼电梯两周")


def test_a_resolution_that_opened_a_problem_cannot_be_removed(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting())
        create_problem(s, draft_from_resolution(s, saved.resolution_uuids[0], today=TODAY))
    with db.reader() as s:
        data = get_meeting(s, saved.uuid)
    with db.sessions.begin() as s, pytest.raises(InputError, match="不能删除"):
        save_meeting(s, saved.uuid, replace(data, resolutions=data.resolutions[1:]))
    with db.reader() as s:
        assert len(get_meeting(s, saved.uuid).resolutions) == 2


def test_an_empty_resolution_and_a_nameless_attendee_are_refused(db) -> None:
    data = a_meeting()
    data.resolutions.append(ResolutionIn(" "))
    data.attendees[0].name = ""
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        save_meeting(s, None, data)
    assert len(caught.value.problems) == 2


def test_a_resolution_of_another_meeting_is_refused(db) -> None:
    with db.sessions.begin() as s:
        first = save_meeting(s, None, a_meeting())
        second = save_meeting(s, None, a_meeting())
    with db.reader() as s:
        data = get_meeting(s, second.uuid)
    data.resolutions[0].uuid = first.resolution_uuids[0]
    with db.sessions.begin() as s, pytest.raises(InputError, match="不属于本次会议"):
        save_meeting(s, second.uuid, data)
