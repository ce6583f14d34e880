"""Steps a worker takes in the casework pages, shared by the casework window tests."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.codes import MeetingKind
from app.services.meetings import AttendeeIn, ResolutionIn
from tests.conftest import COMMUNITY_A, TODAY

LEFT = Qt.MouseButton.LeftButton
FIVE = ["社区党组织", "社区居委会", "业主委员会", "物业服务企业", "辖区派出所"]
RESOLUTIONS = [
    ResolutionIn(
        "3号楼电梯一个月内完成维保", "物业服务企业", "恒信物业", TODAY + timedelta(days=20)
    ),
    ResolutionIn(
        "每日清运垃圾并公示清运记录", "物业服务企业", "恒信物业", TODAY + timedelta(days=10)
    ),
]


def new_meeting_form(window, qtbot, ime, parties=FIVE[:4]):  # type: ignore[no-untyped-def]
    """The 联席会议 page's new-meeting form, filled as a worker would, not saved."""
    page = window.open_page("meetings")
    page.set_today(TODAY)
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    form.kind.set_value(MeetingKind.FIVE_PARTY.value)
    form.held_on.set_value(TODAY)
    form.community.set_value(COMMUNITY_A)
    ime(form.venue, "桓谭社区党群服务中心")
    ime(form.host, "王书记")
    ime(form.topics, "电梯维保、垃圾清运")
    for i, party in enumerate(parties):
        form.add_attendee(AttendeeIn(party, f"代表{i + 1}", f"{party}单位"))
    for resolution in RESOLUTIONS:
        form.add_resolution(resolution)
    return form
