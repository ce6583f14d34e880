"""联席会议: joint meetings with their resolutions; a meeting with a resolution past its
deadline and not carried out is overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.codes import MeetingKind
from app.db import Database
from app.services.estates import estate_matches
from app.services.meetings import MEETINGS
from app.services.offices import communities
from ui.forms.meeting_form import MeetingForm
from ui.pages.case_page import CasePage


class MeetingsPage(CasePage):
    watches = frozenset({"joint_meeting", "meeting_attendee", "resolution", "problem"})
    title = "联席会议台账"

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        headers = [
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Community"),
            self.tr("Estate"),
            self.tr("Topics"),
            self.tr("Next resolution due"),
            self.tr("Resolutions"),
        ]
        super().__init__(db, MEETINGS, headers, today, parent)
        with db.reader() as session:
            community_choices = communities(session)
            estates = estate_matches(session, limit=2000)
        self.add_filter("kind", self.tr("All kinds"), MeetingKind.choices())
        self.add_filter("community", self.tr("All communities"), community_choices)
        self.add_filter("estate", self.tr("All estates"), estates.choices, estates.more)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 130)
        self.table.setColumnWidth(4, 260)

    def open_deadline(self, values: dict[str, Any]) -> date | None:
        return values.get("next_deadline")  # of resolutions not yet carried out

    def search_hint(self) -> str:
        return self.tr("Search topics, minutes or venue (Ctrl+F)")

    def make_form(self, uuid: str | None) -> MeetingForm:
        return MeetingForm(self.db, uuid, self, today=self.today)
