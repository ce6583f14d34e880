"""数据同步: packages upward and downward in one page. Tabs to export (sync_transfer), 下发 to
the offices below (sync_down), import several files
with a dry run first, receipts, the packages sent and received, conflicts and waiting rows to
settle (sync_resolve), per subordinate its last package and gaps, and 入网 (onboarding: the
key exchange with the upper office and the offices below, ui.widgets.onboarding_panel).

The lists come from one read (app.services.sync_overview) off the UI thread; a tab that
changed something emits `done`, and the page reads again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.db import Database
from app.services.sync_overview import SyncOverview, sync_overview
from ui.jobs import Job, start
from ui.pages.sync_down import DownTab
from ui.pages.sync_resolve import ConflictsTab, PendingTab
from ui.pages.sync_transfer import ExportTab, ImportTab, ReceiptsTab, at
from ui.widgets.onboarding_panel import OnboardingPanel
from ui.widgets.plain_table import PlainTable

LATE = QColor("#c62828")


class SentTab(QWidget):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.table = PlainTable(
            [self.tr("Exported"), self.tr("Kind"), self.tr("Receivers"), self.tr("Rows"),
             self.tr("Seq"), self.tr("State"), self.tr("Package"), self.tr("File")]
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_view(self, view: SyncOverview) -> None:
        sent = view.status.sent
        names = {r.code: r.name for r in view.receivers}
        self.table.set_rows(
            [
                [at(p.created_at), p.kind_label,
                 "、".join(names.get(c, c) for c in p.receivers), p.rows,
                 f"{p.seq_from}–{p.seq_to}",
                 f"{p.state_label} {at(p.acknowledged_at)}" if p.acknowledged_at
                 else p.state_label, p.package_id, p.file_name]
                for p in sent
            ],
            [p.package_id for p in sent],
            [None if p.acknowledged_at else LATE for p in sent],
        )  # fmt: skip


class ReceivedTab(QWidget):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.table = PlainTable(
            [self.tr("Received"), self.tr("Sender"), self.tr("Kind"), self.tr("Seq"),
             self.tr("Inserted"), self.tr("Updated"), self.tr("Deleted"), self.tr("Conflicts"),
             self.tr("Pending"), self.tr("Rejected"), self.tr("Chain"), self.tr("Package")]
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_view(self, view: SyncOverview) -> None:
        received = view.status.received
        gap = self.tr("previous package missing on arrival")
        self.table.set_rows(
            [
                [at(p.received_at), f"{p.sender_name}（{p.sender_code}）", p.kind_label,
                 f"{p.seq_from}–{p.seq_to}", *(p.totals.get(k, 0) for k in
                 ("inserted", "updated", "deleted", "conflict", "pending", "rejected")),
                 gap if p.gap else "", p.package_id]
                for p in received
            ],
            [p.package_id for p in received],
            [LATE if p.gap else None for p in received],
        )  # fmt: skip


class SubordinatesTab(QWidget):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.table = PlainTable(
            [self.tr("Office"), self.tr("Code"), self.tr("Packages"), self.tr("Last package"),
             self.tr("Kind"), self.tr("Missing packages")]
        )  # fmt: skip
        self.note = QLabel(
            self.tr("A missing package never blocks an import: ask the office to send it "
                    "again, or to send a snapshot.")
        )  # fmt: skip
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)

    def show_view(self, view: SyncOverview) -> None:
        subs = view.status.subordinates
        never = self.tr("nothing received yet")
        self.table.set_rows(
            [
                [s.name, s.code, s.received, at(s.last.received_at) if s.last else never,
                 s.last.kind_label if s.last else "", "、".join(s.missing)]
                for s in subs
            ],
            [s.code for s in subs],
            [LATE if s.missing or s.last is None else None for s in subs],
        )  # fmt: skip


class SyncPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.view: SyncOverview | None = None
        self._loading = False
        self._job: Job | None = None
        self.title = QLabel(self.tr("Data sync"))
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.summary = QLabel()
        self.export_tab = ExportTab(db)
        self.down_tab = DownTab(db)
        self.import_tab = ImportTab(db)
        self.receipts_tab = ReceiptsTab(db)
        self.sent_tab = SentTab()
        self.received_tab = ReceivedTab()
        self.conflicts_tab = ConflictsTab(db)
        self.pending_tab = PendingTab(db)
        self.subordinates_tab = SubordinatesTab()
        self.onboarding_tab = OnboardingPanel(db)
        self.tabs = QTabWidget()
        for tab, title in (
            (self.export_tab, self.tr("&Export")),
            (self.down_tab, self.tr("Send &down")),
            (self.import_tab, self.tr("&Import")),
            (self.receipts_tab, self.tr("Re&ceipts")),
            (self.sent_tab, self.tr("&Sent")),
            (self.received_tab, self.tr("Recei&ved")),
            (self.conflicts_tab, self.tr("C&onflicts")),
            (self.pending_tab, self.tr("&Pending")),
            (self.subordinates_tab, self.tr("Offices &below")),
            (self.onboarding_tab, self.tr("O&nboarding")),
        ):
            self.tabs.addTab(tab, title)
            done = getattr(tab, "done", None)
            if done is not None:
                done.connect(self._tab_done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> Job:
        self._loading = True
        job = Job(self.db.reader, lambda s, _job: sync_overview(s), owner=self)
        job.signals.finished.connect(self.show_view)
        job.signals.failed.connect(self._failed)
        self._job = start(job)
        return job

    def busy(self) -> bool:
        return self._loading

    def _failed(self, message: str) -> None:
        self._loading = False
        self.summary.setText(message)

    def _tab_done(self) -> None:
        self.changed.emit()
        self.refresh()

    def show_view(self, view: SyncOverview) -> None:
        self.view = view
        for tab in (
            self.export_tab, self.down_tab, self.receipts_tab, self.sent_tab, self.received_tab,
            self.conflicts_tab, self.pending_tab, self.subordinates_tab,
        ):  # fmt: skip
            tab.show_view(view)
        unacknowledged = sum(1 for p in view.status.sent if p.acknowledged_at is None)
        self.summary.setText(
            self.tr("%1 (%2): %3 packages sent, %4 without receipt; %5 received; "
                    "%6 open conflicts; %7 rows waiting for their parent")
            .replace("%1", view.office.name).replace("%2", view.office.code)
            .replace("%3", str(len(view.status.sent))).replace("%4", str(unacknowledged))
            .replace("%5", str(len(view.status.received)))
            .replace("%6", str(view.open_conflicts)).replace("%7", str(len(view.pending)))
        )  # fmt: skip
        self._loading = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.refresh()
        super().showEvent(event)
