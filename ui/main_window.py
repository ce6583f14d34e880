"""The main window is a shell: navigation, a stack of pages built on first show, a status bar.

Pages know nothing of each other; a page that changes data emits `changed`, and pages that
show derived figures refresh when they are next shown. Given a path, the window paints first
and opens the database just after (SQLAlchemy and migrations cost more than the paint).

A database with no office builds no page (each would read the office's subtree): the window
shows a welcome page and the set-up wizard instead. 文件 lists the recent databases, marking
the training (demo) one, so a PC used for training switches between the two; the title bar
names the open file and says when it is the training one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.errors import WuyeError
from app.recent_databases import is_demo, remember
from ui.recent_menu import RecentMenu

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.db import Database
    from app.db.backups import QuickCheck
    from ui.jobs import Failure, Job


def _load_orm() -> object:
    """SQLAlchemy, the models and the opening code: about 1 s, off the UI thread."""
    import importlib

    return importlib.import_module("app.db.database")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    icon: str  # a QStyle.StandardPixmap name: QStyle costs ~10 ms, so icons come after the paint
    build: Callable[[Database], QWidget]
    section: str = ""  # a key of SECTIONS: the heading the entry stands under in the navigation


# The navigation's headings, in order. 22 entries in one flat list scrolled on a 1366×768
# screen and put 督办 beside 督查 without saying which is which; under headings the list is
# shorter per entry and says what belongs together. Headings are not selectable.
SECTIONS: dict[str, Callable[[], str]] = {
    "ledgers": lambda: QCoreApplication.translate("MainWindow", "Ledgers"),
    "casework": lambda: QCoreApplication.translate("MainWindow", "Casework"),
    "supervision": lambda: QCoreApplication.translate("MainWindow", "Supervision and inspection"),
    "data": lambda: QCoreApplication.translate("MainWindow", "Data and reporting"),
    "system": lambda: QCoreApplication.translate("MainWindow", "System"),
}


def _committee_records(db: Database) -> QWidget:
    from ui.pages.committee_records import CommitteeRecordsPage

    return CommitteeRecordsPage(db)


def _red_property(db: Database) -> QWidget:
    from ui.pages.red_property import RedPropertyPage

    return RedPropertyPage(db)


def _dispatch(db: Database) -> QWidget:
    from ui.pages.dispatch import DispatchPage

    return DispatchPage(db)


def _overview(db: Database) -> QWidget:
    from ui.pages.overview import OverviewPage

    return OverviewPage(db)


def _estates(db: Database) -> QWidget:
    from ui.pages.estates import EstatesPage

    return EstatesPage(db)


def _buildings(db: Database) -> QWidget:
    from ui.pages.buildings import BuildingsPage

    return BuildingsPage(db)


def _companies(db: Database) -> QWidget:
    from ui.pages.companies import CompaniesPage

    return CompaniesPage(db)


def _committees(db: Database) -> QWidget:
    from ui.pages.committees import CommitteesPage

    return CommitteesPage(db)


def _disclosure(db: Database) -> QWidget:
    from ui.pages.disclosure import DisclosurePage

    return DisclosurePage(db)


def _subordinates(db: Database) -> QWidget:
    from ui.pages.subordinates import SubordinatesPage

    return SubordinatesPage(db)


def _sync(db: Database) -> QWidget:
    from ui.pages.sync import SyncPage

    return SyncPage(db)


def _notices(db: Database) -> QWidget:
    from ui.pages.notices import NoticesPage

    return NoticesPage(db)


def _meetings(db: Database) -> QWidget:
    from ui.pages.meetings import MeetingsPage

    return MeetingsPage(db)


def _voting(db: Database) -> QWidget:
    from ui.pages.voting import VotingPage

    return VotingPage(db)


def _problems(db: Database) -> QWidget:
    from ui.pages.problems import ProblemsPage

    return ProblemsPage(db)


def _complaints(db: Database) -> QWidget:
    from ui.pages.complaints import ComplaintsPage

    return ComplaintsPage(db)


def _surveys(db: Database) -> QWidget:
    from ui.pages.surveys import SurveysPage

    return SurveysPage(db)


def _tasks(db: Database) -> QWidget:
    from ui.pages.tasks import TasksPage

    return TasksPage(db)


def _steering(db: Database) -> QWidget:
    from ui.pages.steering import SteeringPage

    return SteeringPage(db)


def _inspections(db: Database) -> QWidget:
    from ui.pages.inspections import InspectionsPage

    return InspectionsPage(db)


def _assessment(db: Database) -> QWidget:
    from ui.pages.assessment import AssessmentPage

    return AssessmentPage(db)


def _audit_log(db: Database) -> QWidget:
    from ui.pages.audit_log import AuditLogPage

    return AuditLogPage(db)


def _backups(db: Database) -> QWidget:
    from ui.pages.backups import BackupsPage

    return BackupsPage(db)


PAGES = [
    # Titles are literal translate() calls inside lambdas so lupdate extracts them.
    PageSpec(
        "overview",
        lambda: QCoreApplication.translate("MainWindow", "Overview"),
        "SP_ComputerIcon",
        _overview,
    ),
    PageSpec(
        "estates",
        lambda: QCoreApplication.translate("MainWindow", "Estates"),
        "SP_DirHomeIcon",
        _estates,
        section="ledgers",
    ),
    PageSpec(
        "buildings",
        lambda: QCoreApplication.translate("MainWindow", "Buildings"),
        "SP_FileDialogNewFolder",
        _buildings,
        section="ledgers",
    ),
    PageSpec(
        "companies",
        lambda: QCoreApplication.translate("MainWindow", "Companies"),
        "SP_DriveNetIcon",
        _companies,
        section="ledgers",
    ),
    PageSpec(
        "committees",
        lambda: QCoreApplication.translate("MainWindow", "Committees"),
        "SP_FileDialogDetailedView",
        _committees,
        section="ledgers",
    ),
    PageSpec(
        "committee_records",
        lambda: QCoreApplication.translate("MainWindow", "Committee duty & negative lists"),
        "SP_FileDialogListView",
        _committee_records,
        section="ledgers",
    ),
    PageSpec(
        "red_property",
        lambda: QCoreApplication.translate("MainWindow", "Red property"),
        "SP_DialogYesButton",
        _red_property,
        section="ledgers",
    ),
    PageSpec(
        "disclosure",
        lambda: QCoreApplication.translate("MainWindow", "Disclosure boards"),
        "SP_FileDialogListView",
        _disclosure,
        section="casework",
    ),
    PageSpec(
        "notices",
        lambda: QCoreApplication.translate("MainWindow", "Notices"),
        "SP_FileDialogContentsView",
        _notices,
        section="casework",
    ),
    PageSpec(
        "meetings",
        lambda: QCoreApplication.translate("MainWindow", "Joint meetings"),
        "SP_FileDialogInfoView",
        _meetings,
        section="casework",
    ),
    PageSpec(
        "voting",
        lambda: QCoreApplication.translate("MainWindow", "Owners' votes"),
        "SP_DialogApplyButton",
        _voting,
        section="casework",
    ),
    PageSpec(
        "problems",
        lambda: QCoreApplication.translate("MainWindow", "Problems"),
        "SP_MessageBoxWarning",
        _problems,
        section="casework",
    ),
    PageSpec(
        "complaints",
        lambda: QCoreApplication.translate("MainWindow", "Complaints"),
        "SP_MessageBoxQuestion",
        _complaints,
        section="casework",
    ),
    PageSpec(
        "surveys",
        lambda: QCoreApplication.translate("MainWindow", "Satisfaction surveys"),
        "SP_DialogYesButton",
        _surveys,
        section="casework",
    ),
    PageSpec(
        "tasks",
        lambda: QCoreApplication.translate("MainWindow", "Assigned tasks"),
        "SP_BrowserReload",
        _tasks,
        section="supervision",
    ),
    PageSpec(
        "inspections",
        lambda: QCoreApplication.translate("MainWindow", "Inspections"),
        "SP_FileDialogContentsView",
        _inspections,
        section="supervision",
    ),
    PageSpec(
        "steering",
        lambda: QCoreApplication.translate("MainWindow", "Interviews and circulars"),
        "SP_MessageBoxInformation",
        _steering,
        section="supervision",
    ),
    PageSpec(
        "dispatch",
        lambda: QCoreApplication.translate("MainWindow", "Dispatch"),
        "SP_MediaSeekForward",
        _dispatch,
        section="supervision",
    ),
    PageSpec(
        "assessment",
        lambda: QCoreApplication.translate("MainWindow", "Assessment"),
        "SP_DialogApplyButton",
        _assessment,
        section="supervision",
    ),
    PageSpec(
        "subordinates",
        lambda: QCoreApplication.translate("MainWindow", "Offices below"),
        "SP_FileDialogInfoView",
        _subordinates,
        section="data",
    ),
    PageSpec(
        "sync",
        lambda: QCoreApplication.translate("MainWindow", "Data sync"),
        "SP_ArrowUp",
        _sync,
        section="data",
    ),
    PageSpec(
        "audit_log",
        lambda: QCoreApplication.translate("MainWindow", "Audit log"),
        "SP_FileDialogDetailedView",
        _audit_log,
        section="system",
    ),
    PageSpec(
        "backups",
        lambda: QCoreApplication.translate("MainWindow", "Backup and restore"),
        "SP_DialogSaveButton",
        _backups,
        section="system",
    ),
]


class MainWindow(QMainWindow):
    database_opened = Signal()
    database_failed = Signal(str)

    def __init__(self, source: Database | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None if isinstance(source, Path) else source
        self.db_path = source if isinstance(source, Path) else source.path
        self.pages: dict[str, QWidget] = {}
        self._pending_row = 0
        self.setup_wizard: QWidget | None = None
        self.resize(1200, 760)

        self.nav = QListWidget()
        self.nav.setIconSize(QSize(16, 16))
        self.nav.setFixedWidth(150)
        # min-height: an item is as tall before its icon comes (after the paint) as after.
        # Compact rows: 22 entries and 5 headings fit a 1366×768 screen without scrolling.
        self.nav.setStyleSheet("QListWidget::item { padding: 3px 6px; min-height: 18px; }")
        self.stack = QStackedWidget()
        self.nav_rows: list[int] = []  # the navigation row of each page of PAGES
        section = ""
        for spec in PAGES:
            if spec.section != section:
                section = spec.section
                self.nav.addItem(self._heading(SECTIONS[section]()))
            self.nav_rows.append(self.nav.count())
            self.nav.addItem(QListWidgetItem(spec.title()))
            self.stack.addWidget(QWidget())  # placeholder until first shown
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._nav_row_chosen)

        self._build_menus()
        self.office_label = QLabel()
        self.file_label = QLabel()
        self.statusBar().addWidget(self.office_label)
        self.statusBar().addPermanentWidget(self.file_label)
        if self.db is None:
            self.installEventFilter(self)  # the rest once the shell has painted
        else:
            self._finish_shell()
            self._opened()
        self.nav.setCurrentRow(self.nav_rows[0])

    @staticmethod
    def _heading(text: str) -> QListWidgetItem:
        """A section heading: neither selectable nor enabled, so Up/Down and clicks pass it by
        (QListView moves the cursor over disabled rows)."""
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        return item

    def _nav_row_chosen(self, row: int) -> None:
        if row in self.nav_rows:
            self.show_page(self.nav_rows.index(row))

    def current_page_index(self) -> int:
        """The index in PAGES of the page the navigation has selected (0 when none)."""
        row = self.nav.currentRow()
        return self.nav_rows.index(row) if row in self.nav_rows else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and self.db is None:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        """Three things at once (issue 18): quick_check on its thread, SQLAlchemy and the
        models loading on another, and the 总览 with its headline figures read with plain
        sqlite3 on a third; the database opens once the ORM has loaded."""
        from app.db.backups import QuickCheck
        from ui.background import Background

        self._overview_before_open()  # first: the figures are what the user waits for
        self._finish_shell()
        self._check = QuickCheck(self.db_path)
        self._orm = Background(_load_orm, self, "wuye-load-orm")
        self._orm.done.connect(self._orm_loaded)
        self._orm.start()

    def _orm_loaded(self, _module: object) -> None:
        self.open_database(self._check)

    def _overview_before_open(self) -> None:
        """The 总览 built before the database opens, its headline figures shown as soon as
        they are read; `open_database` attaches the database to it."""
        from app.db.peek import peek
        from app.services.overview_counts import read_headline
        from ui.background import Background
        from ui.pages.overview import OverviewPage

        if self._pending_row != 0 or peek(self.db_path).office_code is None:
            return  # another page asked for, or the welcome page and the set-up wizard
        path = self.db_path
        self._headline = Background(lambda: read_headline(path), self, "wuye-headline")
        self._headline.done.connect(self._headline_read)
        self._headline.start()  # reads while the page is built
        page = OverviewPage(None)
        self._place(0, "overview", page)
        self.stack.setCurrentWidget(page)

    def _headline_read(self, figures: object) -> None:
        page = self.pages.get("overview")
        if page is not None:
            page.show_headline(figures)  # type: ignore[attr-defined]

    def _finish_shell(self) -> None:
        """What the first paint does not wait for (tests/ui/test_start_imports.py): the
        navigation's icons, the office in the status bar, listening for writes (ui.ops and
        ui.jobs: ~30 ms of CPU) and the welcome page (its module's `Qt` namespace: ~25 ms)."""
        from PySide6.QtWidgets import QStyle

        from ui.ops import changes
        from ui.pages.welcome import WelcomePage

        changes().tables_changed.connect(self._data_changed)  # any write: figures may move
        self.welcome = WelcomePage()  # shown only on a database with no office yet
        self.welcome.setup_requested.connect(self.run_setup)
        self.stack.addWidget(self.welcome)
        style = self.style()
        for row, spec in enumerate(PAGES):
            icon = style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon))
            self.nav.item(self.nav_rows[row]).setIcon(icon)
        self._show_status()

    def open_database(self, check: QuickCheck | None = None) -> None:
        from app.db.backups import QuickCheck

        check = check or QuickCheck(self.db_path)  # quick_check first, on its own thread
        from app.db import open_database  # SQLAlchemy's import while the check reads
        from ui.damaged_file import recover_if_damaged

        self.recovered = recover_if_damaged(self, self.db_path, check.problems())
        try:
            self.db = open_database(self.db_path)
        except WuyeError as exc:
            self.database_failed.emit(str(exc))
            return
        self._opened()
        early = self.pages.get("overview")
        if early is not None and self.has_office():
            early.attach(self.db)  # type: ignore[attr-defined]
        elif early is not None:  # no office after all: the page goes, the welcome shows
            self._drop_pages()
        self.show_page(self._pending_row)
        self.database_opened.emit()

    def _opened(self) -> None:
        """After any open: who writes, the recent list, and the wizard if there is no office."""
        from app.services.office_setup import admin_name

        assert self.db is not None
        with self.db.reader() as session:
            admin = admin_name(session)
        if admin:
            self.db.context.actor = admin
        if self.db.url is None:
            remember(self.db_path)
        self._sign_in()
        self._daily_backup()
        self._sweep_scratch()
        self._show_backup_notes()
        self._show_status()
        if self.has_office():  # forms a crash or a kill left unsaved
            QTimer.singleShot(0, self._offer_drafts)
        self.recent_menu.fill(self.db_path.resolve() if self.db.url is None else None)
        if not self.has_office():
            self.nav.setEnabled(False)
            self.stack.setCurrentWidget(self.welcome)
            QTimer.singleShot(0, self.run_setup)

    def _offer_drafts(self) -> None:
        from ui.draft_offer import offer_drafts

        if self.db is not None:
            self.drafts_box = offer_drafts(self, self.db)

    def has_office(self) -> bool:
        return self.db is not None and self.db.context.office_code is not None

    def run_setup(self) -> QWidget | None:
        """The set-up wizard, opened window-modal; the pages come once the office exists."""
        if self.db is None or self.has_office():
            return None
        if self.setup_wizard is not None and self.setup_wizard.isVisible():
            return self.setup_wizard
        from ui.dialogs.setup_wizard import SetupWizard

        wizard = SetupWizard(self.db, self)
        wizard.create_page.completeChanged.connect(self._office_made)
        wizard.finished.connect(lambda _code: self._office_made())
        self.setup_wizard = wizard
        wizard.open()
        return wizard

    def _office_made(self) -> None:
        if not self.has_office() or self.nav.isEnabled():
            return
        self.nav.setEnabled(True)
        if (
            self.db is not None
            and self.db.context.role is not None
            and not hasattr(self, "idle_lock")
        ):  # the wizard made the administrator's account: the idle lock applies from now
            from ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, self.db)
        self._show_status()
        self.show_page(self.current_page_index())

    def _daily_backup(self) -> Job | None:
        """The first start of each day backs the file up (app/services/backups.py), as an
        operation off the GUI thread: the window paints and answers meanwhile. The database
        pool runs one job at a time, so a restore never runs while it copies."""
        if self.db is None or self.db.on_server:
            return None
        from app.db.sync import utc_now
        from app.services.backups import DAILY, daily_backup_due, take_backup
        from ui.ops import Op

        db = self.db

        def work(_session: Session, _job: Job) -> bool:
            now = utc_now()
            if not daily_backup_due(db, now):
                return False
            take_backup(db, now=now, label=DAILY)
            return True

        def done(taken: bool) -> None:
            page = self.pages.get("backups")
            if taken and page is not None:
                page.refresh()  # type: ignore[attr-defined]

        def failed(failure: Failure) -> None:
            said = self.tr("Daily backup failed: %1").replace("%1", failure.message)
            self.statusBar().showMessage(said)

        return Op(self, db.reader, work).success(done).failure(failed).run()

    def _sweep_scratch(self) -> None:
        """Decrypted package copies a killed import left behind go at the next start, the
        window's as the CLI's (app/packages/scratch.py; issue 14)."""
        from app.packages.scratch import sweep

        try:
            sweep()
        except OSError:  # never stops the start: the next import sweeps again
            import logging

            from app.logfile import LOGGER

            logging.getLogger(f"{LOGGER}.start").warning("scratch sweep failed", exc_info=True)

    def _show_backup_notes(self) -> None:
        """Backups the opening migration could not seal (app/db/backup_sealing.py) still hold
        personal data in clear: said once, in the status bar, without stopping the user, who
        may delete them on the backups page. Shown, they are dropped from the database."""
        if self.db is None or not self.db.backup_notes:
            return
        notes, self.db.backup_notes = self.db.backup_notes, ()
        shown = self.tr("Old backups: %1").replace("%1", "；".join(notes))

        def show() -> None:  # once the loop runs: a window shown later shows its bar's widgets
            earlier = self.statusBar().currentMessage()  # a failed daily backup stays said
            self.statusBar().showMessage(f"{earlier}；{shown}" if earlier else shown, 120_000)

        QTimer.singleShot(0, show)

    def _sign_in(self) -> None:
        """A database with accounts asks who is at the desk; cancelled, it stays read only."""
        from app.rules.roles import NOBODY

        if self.db is not None and self.db.context.role == NOBODY:
            from ui.dialogs.login_dialog import LoginDialog

            LoginDialog(self.db, self).exec()
        if self.db is not None and self.db.context.role is not None:
            from ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, self.db)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Open database…"), self)
        open_action.triggered.connect(self.choose_database)
        file_menu.addAction(open_action)
        self.recent_menu = RecentMenu(self)
        self.recent_menu.chosen.connect(self.switch_database)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.add_org_action = QAction(self.tr("Add an office below…"), self)
        self.add_org_action.triggered.connect(self.add_office_below)
        file_menu.addAction(self.add_org_action)
        file_menu.addSeparator()
        fonts_action = QAction(self.tr("Fonts for printing…"), self)
        fonts_action.triggered.connect(self.show_font_settings)
        file_menu.addAction(fonts_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        # setShortcuts, not setShortcut: PySide's setShortcut overloads build the whole Qt.Key
        # enum (about 20 ms) before the first paint.
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for i, spec in enumerate(PAGES):
            if i and spec.section != PAGES[i - 1].section:
                go_menu.addSeparator()  # the navigation's sections
            action = QAction(spec.title(), self)
            if i < 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0
                action.setShortcuts([QKeySequence(f"Ctrl+{(i + 1) % 10}")])
            action.triggered.connect(lambda _=False, row=i: self.show_page(row))
            go_menu.addAction(action)
        reports_menu = self.menuBar().addMenu(self.tr("&Reports"))
        summary = QAction(self.tr("Ledger summary by community (Excel)…"), self)
        summary.triggered.connect(lambda: self.save_report("summary"))
        reports_menu.addAction(summary)
        tasks = QAction(self.tr("Action plan task table (Excel)…"), self)
        tasks.triggered.connect(lambda: self.save_report("tasks"))
        reports_menu.addAction(tasks)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        logs = QAction(self.tr("Open the log folder"), self)
        logs.triggered.connect(self.open_log_folder)
        help_menu.addAction(logs)
        about = QAction(self.tr("&About WuyeDesk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def add_office_below(self) -> QWidget | None:
        """A street adds its communities here before filing estates under them."""
        if not self.has_office():
            return None
        from ui.forms.org_form import OrgForm

        assert self.db is not None
        form = OrgForm(self.db, self)
        form.saved.connect(lambda _uuid: self._office_added())
        form.open()
        self.org_form = form
        return form

    def _office_added(self) -> None:
        """Pickers read the offices when built: pages built before are built again."""
        self._drop_pages()
        self.show_page(self.current_page_index())

    def _drop_pages(self) -> None:
        """Every built page goes; each is built again when next shown."""
        for key, widget in list(self.pages.items()):
            index = self.stack.indexOf(widget)
            self.stack.insertWidget(index, QWidget())
            self.stack.removeWidget(widget)
            widget.deleteLater()
            del self.pages[key]

    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), str(self.db_path.parent),
            self.tr("WuyeDesk databases (*.sqlite *.db);;All files (*)"),
        )  # fmt: skip
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        """Close this database and its pages, open `path`; on failure the old one stays open."""
        from PySide6.QtWidgets import QMessageBox

        from app.db import open_database
        from ui.jobs import database_pool

        if self.db is not None and path.resolve() == self.db_path.resolve():
            return True
        try:
            new = open_database(path)
        except WuyeError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the database"), str(exc))
            return False
        database_pool().waitForDone()  # no job still holds a session of the old file
        self._drop_pages()
        if self.db is not None:
            self.db.close()
        self.db, self.db_path = new, new.path
        self.nav.setEnabled(True)
        self._opened()
        if self.has_office():
            self.show_page(self.current_page_index())
        self.database_opened.emit()
        return True

    def _show_status(self) -> None:
        from app.codes import level_label
        from app.db.peek import peek

        demo = is_demo(self.db_path)
        title = self.tr("WuyeDesk — community property management")
        office_name = peek(self.db_path).office_name
        shown = f"{office_name} — {self.db_path.name}" if office_name else self.db_path.name
        if demo:
            shown += " " + self.tr("[TRAINING: demo data]")
        self.setWindowTitle(f"{shown} — {title}")
        office = peek(self.db_path)
        if office.office_code and office.office_name:
            self.office_label.setText(
                self.tr("Office: %1 (%2, %3)")
                .replace("%1", office.office_name)
                .replace("%2", office.office_code)
                .replace("%3", level_label(office.office_level or ""))
            )
        else:
            self.office_label.setText(self.tr("Office not set up yet: use the set-up wizard"))
        self.file_label.setText(self.tr("Database: %1").replace("%1", str(self.db_path)))

    def page(self, key: str) -> QWidget:
        """The page widget, built now if it was never shown."""
        if self.db is None:
            raise RuntimeError("the database is not open yet")
        if not self.has_office():
            return self.welcome  # every page reads the office's subtree
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        if key not in self.pages:
            self._place(index, key, PAGES[index].build(self.db))
        return self.pages[key]

    def _place(self, index: int, key: str, widget: QWidget) -> None:
        """A built page in its placeholder's place in the stack."""
        changed = getattr(widget, "changed", None)
        if changed is not None:
            changed.connect(self._data_changed)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[key] = widget

    def show_page(self, index: int) -> None:
        """Show the page PAGES[index] and select its entry in the navigation."""
        if self.db is None:
            self._pending_row = index
            if 0 <= index < len(PAGES):
                self.nav.setCurrentRow(self.nav_rows[index])
            return
        if not self.has_office():
            self.stack.setCurrentWidget(self.welcome)
            return
        if 0 <= index < len(PAGES):
            widget = self.page(PAGES[index].key)
            self.stack.setCurrentWidget(widget)
            if self.nav.currentRow() != self.nav_rows[index]:
                self.nav.setCurrentRow(self.nav_rows[index])

    def open_page(self, key: str) -> QWidget:
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        self.show_page(index)
        return self.page(key)

    def _data_changed(self, *_tables: object) -> None:
        overview = self.pages.get("overview")
        if overview is not None and overview.isVisible():
            overview.refresh()  # type: ignore[attr-defined]

    def save_report(self, which: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        names = {"summary": self.tr("Ledger summary"), "tasks": self.tr("Task table")}
        target, _ = QFileDialog.getSaveFileName(
            self, names[which], f"{names[which]}.xlsx", self.tr("Excel workbooks (*.xlsx)")
        )
        if target and self.db is not None:
            self.write_report(which, Path(target))

    def write_report(self, which: str, out: Path) -> Job:
        """The ledger summary or the 附件2 task table, written off the UI thread."""
        from reports.xlsx.summary import write_ledger_summary, write_task_table
        from ui.job_progress import run_with_progress
        from ui.jobs import Job

        assert self.db is not None
        today = date.today()

        def work(session: Session, job: Job) -> Path:
            if which == "tasks":
                from app.services.plan_progress import plan_progress

                return write_task_table(out, progress=plan_progress(session, today))
            return write_ledger_summary(session, out, today=today)

        def saved(path: Path) -> None:
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 8000)

        job = Job(self.db.reader, work, owner=self)
        run_with_progress(self, job, self.tr("Writing the report"), saved)
        return job

    def show_font_settings(self) -> None:
        from ui.dialogs.font_settings import FontSettingsDialog  # loads ReportLab: on demand

        FontSettingsDialog(parent=self).exec()

    def open_log_folder(self) -> Path:
        """The folder of the log file (rotated copies beside it), in the file manager."""
        from app.logfile import log_file, log_folder

        current = log_file()
        folder = current.parent if current is not None else log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return folder

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from app import __version__  # looked up on demand (importlib.metadata)

        QMessageBox.about(
            self,
            self.tr("About WuyeDesk"),
            self.tr("WuyeDesk %1").replace("%1", __version__)
            + "\n"
            + self.tr("A workbench for community offices that supervise property management.")
            + "\n"
            + self._accounts_line(),
        )

    def _accounts_line(self) -> str:
        """Who may change data here: accounts with roles, or a single-user PC without them."""
        if self.db is None:
            return ""
        ctx = self.db.context
        if ctx.role is None:
            return self.tr("No accounts: a single-user PC, anyone who opens it may change data.")
        from app.rules.roles import role_label

        return (
            self.tr("Signed in as %1 (%2).")
            .replace("%1", ctx.actor)
            .replace("%2", role_label(ctx.role))
            if ctx.signed_in
            else self.tr("Not signed in: read only.")
        )
