"""First run in the window: a database with no office gets this wizard instead of empty pages.

Office (level, division code with its name from the code table, parent office) → the first
administrator and an optional training database → the office is made (keys generated off the
GUI thread) → onboarding with the upper office. Every check is the service's
(app.services.offices.office_problems, app.services.office_setup), shown at its field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from app.codes import OrgLevel, division_name
from app.db import Database
from app.db.sync import utc_now
from app.errors import Problem
from app.recent_databases import demo_path_beside, remember
from app.rules.division_code import level_of, parent_code
from app.services.accounts import password_problems, sign_in_database
from app.services.demo import DemoSummary
from app.services.office_setup import (
    OfficeSetup,
    admin_problems,
    make_training_database,
    set_up_office,
)
from app.services.offices import office_problems
from ui.job_progress import run_with_progress
from ui.jobs import Job
from ui.widgets.field_error import with_error
from ui.widgets.fields import CodeCombo
from ui.widgets.onboarding_panel import OnboardingPanel


class _FieldsPage(QWizardPage):
    """A page of fields, each with its error line under it (like FormDialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        box, error = with_error(widget)
        self.form.addRow(label, box)
        self.fields[key], self.errors[key] = widget, error
        return widget

    def show_problems(self, problems: list[Problem]) -> bool:
        """True when there were none."""
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)
        shown: dict[str, list[str]] = {}
        for problem in problems:
            key = problem.field if problem.field in self.errors else next(iter(self.errors))
            shown.setdefault(key, []).append(problem.message)
        for key, messages in shown.items():
            self.errors[key].setText("；".join(messages))
            self.errors[key].setVisible(True)
        if shown:
            self.fields[next(iter(shown))].setFocus(Qt.FocusReason.OtherFocusReason)
        return not shown


class OfficePage(_FieldsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("This office"))
        self.setSubTitle(
            self.tr("Which office keeps its ledgers in this database. The division code is the "
                    "12-digit statistical code (统计用区划代码); its name is looked up for you.")
        )  # fmt: skip
        self.level = self.add_field("level", self.tr("Level"), CodeCombo(OrgLevel.choices()))
        self.level.set_value(OrgLevel.STREET)
        self.code = self.add_field("code", self.tr("Division code"), QLineEdit())
        self.code.setPlaceholderText(self.tr("12 digits, e.g. 340603010000"))
        self.code.setMaxLength(14)
        self.name = self.add_field("name", self.tr("Office name"), QLineEdit())
        self.parent_code = self.add_field("parent_code", self.tr("Upper office"), QLineEdit())
        self.parent_code.setPlaceholderText(self.tr("filled in from the division code"))
        self.parent_name = QLabel()
        self.form.addRow("", self.parent_name)
        self.credit_code = self.add_field(
            "credit_code", self.tr("Credit code (optional)"), QLineEdit()
        )
        self._auto_name = ""
        self.code.textChanged.connect(self._code_typed)

    def _code_typed(self, text: str) -> None:
        """Level, name and parent follow the code; a name the user typed is kept."""
        code = text.strip()
        try:
            level = level_of(code)
        except ValueError:
            self.parent_name.clear()
            return
        padded = code.ljust(12, "0") if len(code) in (6, 9) else code
        self.level.set_value(level)
        found = division_name(padded)
        if found and self.name.text().strip() in ("", self._auto_name):
            self.name.setText(found)
            self._auto_name = found
        upper = parent_code(padded)
        self.parent_code.setText(upper or "")
        upper_name = division_name(upper) if upper else ""
        self.parent_name.setText(
            self.tr("Upper office: %1").replace("%1", f"{upper_name}（{upper}）")
            if upper and upper_name
            else ""
        )

    def values(self) -> dict[str, str]:
        return {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "level": self.level.value(),
            "parent_code": self.parent_code.text().strip(),
            "credit_code": self.credit_code.text().strip(),
        }

    def validatePage(self) -> bool:
        return self.show_problems(office_problems(**self.values()))


class AdminPage(_FieldsPage):
    def __init__(self, demo_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Administrator and training"))
        self.setSubTitle(
            self.tr("The administrator's account: it signs in at start, manages the other "
                    "accounts, and its name stands in the audit log for its changes.")
        )
        self.admin = self.add_field("admin", self.tr("Administrator's name"), QLineEdit())
        self.password = self.add_field("password", self.tr("Password"), QLineEdit())
        self.password_again = self.add_field(
            "password_again", self.tr("Password again"), QLineEdit()
        )
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo = QCheckBox(self.tr("Also make a training database with demo data"))
        self.demo_note = QLabel(
            self.tr("A demo street (60 estates, casework) in %1, beside this database. "
                    "Switch between the two from File → Recent databases; the title bar "
                    "always says which one is open.").replace("%1", str(demo_path))
        )  # fmt: skip
        self.demo_note.setWordWrap(True)
        self.form.addRow("", self.demo)
        self.form.addRow("", self.demo_note)
        self.setCommitPage(True)  # Next makes the office: there is no way back from it
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Set up the office"))

    def validatePage(self) -> bool:
        problems = admin_problems(self.admin.text(), required=True)
        problems += [Problem("password", m) for m in password_problems(self.password.text())]
        if self.password.text() != self.password_again.text():
            problems.append(Problem("password_again", "两次输入的密码不一致"))
        return self.show_problems(problems)


class CreatePage(QWizardPage):
    """Makes the office when shown; Next is offered once the Job has finished."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Setting up"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.status)
        self.result: OfficeSetup | None = None
        self.demo: DemoSummary | None = None
        self._running = False

    def initializePage(self) -> None:
        if self.result is not None:  # came back with Back: the office exists already
            return
        self.status.setText(self.tr("Making the office and its keys…"))
        self._running = True
        self.wizard_.create_office()

    def waiting(self) -> None:
        """More work follows (the training database): Next waits for it."""
        self._running = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.result is not None and not self._running

    def finished(self, result: OfficeSetup | None, text: str) -> None:
        self._running = False
        if result is not None:
            self.result = result
        self.status.setText(text)
        self.completeChanged.emit()


class OnboardingPage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setTitle(self.tr("Onboarding with the upper office"))
        self.setSubTitle(
            self.tr("Exchange public keys once, so the packages you send upward can be "
                    "verified. You can also do this later under Data sync → Onboarding.")
        )  # fmt: skip
        self.layout_ = QVBoxLayout(self)
        self.panel: OnboardingPanel | None = None

    def initializePage(self) -> None:
        if self.panel is None:  # the office exists only from now on
            self.panel = OnboardingPanel(self.db, self)
            self.layout_.addWidget(self.panel)


class SetupWizard(QWizard):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Set up WuyeDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.demo_path = demo_path_beside(db.path)
        self.office_page = OfficePage(self)
        self.admin_page = AdminPage(self.demo_path, self)
        self.create_page = CreatePage(self)
        self.onboarding_page = OnboardingPage(db, self)
        for page in (self.office_page, self.admin_page, self.create_page, self.onboarding_page):
            self.addPage(page)
        self.resize(720, 560)  # fits 1366×768 with the taskbar

    def create_office(self) -> Job:
        values = self.office_page.values()
        admin = self.admin_page.admin.text().strip()
        password = self.admin_page.password.text()
        db_path = self.db.path
        now = utc_now()

        def work(session: Session, _job: Job) -> OfficeSetup:
            return set_up_office(session, db_path, admin=admin, password=password, now=now,
                                 **values)  # fmt: skip

        def done(result: OfficeSetup) -> None:
            self.db.set_office(result.office.code)
            self.db.context.actor = result.admin or self.db.context.actor
            # The window goes on as the administrator just made (the sign-in is audited).
            sign_in_database(self.db, admin, password, now=utc_now())
            self.admin_page.password.clear()
            self.admin_page.password_again.clear()
            remember(db_path, demo=False)
            text = (
                self.tr("%1 (%2) is set up. Its keys (%3) are in %4.")
                .replace("%1", result.office.name).replace("%2", result.office.code)
                .replace("%3", "、".join(result.key_ids)).replace("%4", str(result.keys_folder))
            )  # fmt: skip
            self.create_page.finished(result, text)
            if self.admin_page.demo.isChecked():
                self.create_demo()

        job = Job(self.db.sessions, work, write=True, owner=self)
        job.signals.failed.connect(lambda message: self.create_page.finished(None, message))
        run_with_progress(self, job, self.tr("Setting up the office"), done)
        return job

    def create_demo(self) -> Job:
        """The training database is another file: the job's own session is not used."""
        path, today, now = self.demo_path, date.today(), utc_now()
        self.create_page.waiting()

        def work(_session: Session, _job: Job) -> DemoSummary:
            return make_training_database(path, seed=1, today=today, now=now)

        def done(summary: DemoSummary) -> None:
            remember(path, demo=True)
            remember(self.db.path, demo=False)  # the real database stays first in the list
            self.create_page.demo = summary
            self.create_page.finished(
                None,
                self.create_page.status.text() + "\n"
                + self.tr("Training database made: %1 (%2 estates).")
                .replace("%1", str(path)).replace("%2", str(summary.estates)),
            )  # fmt: skip

        job = Job(self.db.reader, work, owner=self)
        job.signals.failed.connect(
            lambda message: self.create_page.finished(
                None, self.create_page.status.text() + "\n" + message
            )
        )
        run_with_progress(self, job, self.tr("Making the training database"), done)
        return job
