"""红色物业 (task 10): 交叉任职 and 示范项目, two lists in tabs, each with its form; 交叉任职
imports and exports as the Excel kind cross_post."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.services.ledger_exports import CROSS_POST_LIST
from app.services.red import DEMONSTRATION_LIST, delete_cross_post, delete_demonstration
from ui.forms.red_forms import CrossPostForm, DemonstrationForm
from ui.pages.ledger_page import LedgerPage


class CrossPostPage(LedgerPage):
    import_kind = "cross_post"
    watches = frozenset({"cross_post", "estate", "property_company"})
    title = "交叉任职台账"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [self.tr("Community"), self.tr("Estate"), self.tr("Name"), self.tr("Phone"),
                   self.tr("ID number"), self.tr("Direction"),
                   self.tr("Post in the community committees"), self.tr("Serves on"),
                   self.tr("Post on the committee or company"), self.tr("Company"),
                   self.tr("Credit code"), self.tr("Since"), self.tr("Until")]  # fmt: skip
        super().__init__(db, CROSS_POST_LIST, headers, parent)

    def search_hint(self) -> str:
        return self.tr("Search estate, name or post (Ctrl+F)")

    def make_form(self, uuid: str | None) -> CrossPostForm:
        return CrossPostForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_cross_post(session, uuid)


class DemonstrationPage(LedgerPage):
    watches = frozenset({"demonstration_project", "demonstration_review", "estate"})
    title = "红色物业示范项目"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [self.tr("Estate"), self.tr("Company"), self.tr("Level"), self.tr("Named on"),
                   self.tr("Named by (document)"), self.tr("Last review"),
                   self.tr("Review result"), self.tr("State")]  # fmt: skip
        super().__init__(db, DEMONSTRATION_LIST, headers, parent)

    def search_hint(self) -> str:
        return self.tr("Search estate, company or document (Ctrl+F)")

    def make_form(self, uuid: str | None) -> DemonstrationForm:
        return DemonstrationForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_demonstration(session, uuid)


class RedPropertyPage(QWidget):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.cross_posts = CrossPostPage(db)
        self.demonstrations = DemonstrationPage(db)
        self.tabs.addTab(self.cross_posts, self.tr("Cross-posts (交叉任职)"))
        self.tabs.addTab(self.demonstrations, self.tr("Demonstration projects (示范项目)"))
        QVBoxLayout(self).addWidget(self.tabs)
