"""通知公告: choose a template, fill its fields (by hand or from the ledgers), preview, print, save.

The page holds no rules: `fill` and `build_notice` decide what is missing or wrong, and their
problems, which name fields by their Chinese labels, are shown at those fields. The PDF is
built off the UI thread into a temporary folder; printing and saving use the PDF the preview
shows, built again first when a field changed since.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import InputError, Problem, WuyeError
from app.progress import Cancelled
from app.rules.notice_template import Published
from app.rules.official import EXAMPLE
from app.services.estates import estate_matches
from app.services.notice_fields import fields_of_estate
from reports.pdf.templates import (
    NoticeTemplate,
    TemplateInfo,
    default_user_dir,
    fill,
    list_templates,
    load_template,
    remove_user_template,
    template_text,
)
from ui.dialogs.template_editor import TemplateEditor
from ui.job_progress import run_with_progress
from ui.jobs import Job
from ui.ops import Op
from ui.widgets.field_error import ERROR_STYLE, ProblemsDisplay, error_label, with_error
from ui.widgets.fields import CodeCombo
from ui.widgets.pdf_output import ask_pdf_path, ask_printer, print_file, save_file
from ui.widgets.pdf_preview import PdfPreview

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
# Fields the page adds to every template; the leading _ keeps them apart from template keys.
OFFICE, DOC_NUMBER, DATE = "_office", "_doc_number", "_date"
# How build_notice names them in its problems.
PAGE_FIELD_LABELS = {"发文机关": OFFICE, "发文字号": DOC_NUMBER, "成文日期": DATE}
# Fields that take paragraphs rather than a line: by key, or by a word in the label.
LONG_KEYS = frozenset(
    {"body", "agenda", "resolutions", "topics", "attendees", "service_content", "measures",
     "problem"}
)  # fmt: skip
LONG_LABEL_WORDS = ("正文", "内容", "议题", "事项", "措施", "问题", "情况", "纪要")
NOTE_STYLE = "color: #555;"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class NoticeRequest:
    """Everything a build reads from the form: plain values, safe to hand to a worker thread."""

    template: str
    values: tuple[tuple[str, str], ...]
    office: str
    doc_number: str
    on: date


@dataclass(frozen=True)
class BuiltNotice:
    """A build's outcome: the PDF, or the problems that stopped it (nothing written then)."""

    request: NoticeRequest
    path: Path | None
    title: str = ""
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()


def build_request(template: NoticeTemplate, request: NoticeRequest, out: Path) -> BuiltNotice:
    """Fill and lay out the notice (ReportLab and fonts are imported here, off the UI thread)."""
    from reports.pdf.fonts import configured_fonts
    from reports.pdf.notice import build_notice

    try:
        filled = fill(template, dict(request.values))
        fonts = configured_fonts()
        office, number = request.office or None, request.doc_number or None
        build_notice(filled, out, office=office, doc_number=number, date=request.on, fonts=fonts)
    except InputError as exc:
        return BuiltNotice(request, None, problems=exc.problems)
    return BuiltNotice(request, out, filled.title, notes=fonts.warnings)


class NoticesPage(QWidget):
    built = Signal(object)  # BuiltNotice, after every build, refused or not

    def __init__(self, db: Database, user_dir: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.user_dir = default_user_dir() if user_dir is None else user_dir
        self.template: NoticeTemplate | None = None
        self.published: dict[str, Published] = {}  # templates received from above
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.result: BuiltNotice | None = None  # the build the preview shows
        self._folder = tempfile.TemporaryDirectory(
            prefix="wuyedesk-notices-",
            ignore_cleanup_errors=True,  # a viewer may hold a file
        )
        self.folder = Path(self._folder.name)  # previews; removed with the page
        self._serial = 0
        self._job: Job | None = None

        # --- left: the templates ----------------------------------------------------------
        self.templates = QListWidget()
        self.templates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.templates.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.reload_button = QPushButton(self.tr("Reload templates"))
        self.reload_button.setToolTip(
            self.tr("Read the template files again, after adding or editing one")
        )
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Templates"))
        heading.setStyleSheet("font-weight: bold;")
        column.addWidget(heading)
        column.addWidget(self.templates, 1)
        self.edit_button = QPushButton(self.tr("Edit a copy…"))
        self.edit_button.setToolTip(
            self.tr("Copy the chosen template into your own folder and edit it there")
        )
        self.remove_button = QPushButton(self.tr("Remove my copy"))
        self.remove_button.setToolTip(
            self.tr("Delete your edited copy; the shipped template of that name is used again")
        )
        self.publish_button = QPushButton(self.tr("Publish to offices below"))
        self.publish_button.setToolTip(
            self.tr("Send your own template to the offices below with every 下发 package")
        )
        column.addWidget(self.edit_button)
        column.addWidget(self.remove_button)
        column.addWidget(self.publish_button)
        column.addWidget(self.reload_button)

        # --- middle: estate picker, the form, the buttons ---------------------------------
        self.estate_search = QLineEdit()
        self.estate_search.setClearButtonEnabled(True)
        self.estate_search.setPlaceholderText(self.tr("Type to find an estate"))
        self.estate = CodeCombo([])
        self.estate.setMinimumContentsLength(12)
        self.fill_button = QPushButton(self.tr("Fill in"))
        self.fill_button.setToolTip(
            self.tr("Fill the fields the ledgers know: estate, company, manager, committee…")
        )
        self.estate_note = QLabel()
        self.estate_note.setWordWrap(True)
        self.estate_note.setVisible(False)
        picker = QGroupBox(self.tr("Fill from the ledgers"))
        picker_layout = QVBoxLayout(picker)
        row = QHBoxLayout()
        row.addWidget(self.estate_search, 1)
        row.addWidget(self.estate, 1)
        row.addWidget(self.fill_button)
        picker_layout.addLayout(row)
        picker_layout.addWidget(self.estate_note)

        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet(NOTE_STYLE)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.general_error = error_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTE_STYLE)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setDefault(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        middle = QWidget()
        form_column = QVBoxLayout(middle)
        form_column.setContentsMargins(0, 0, 0, 0)
        form_column.addWidget(picker)
        form_column.addWidget(self.description)
        form_column.addWidget(self.scroll, 1)
        form_column.addWidget(self.general_error)
        form_column.addWidget(self.status)
        form_column.addLayout(buttons)

        # --- right: the preview -----------------------------------------------------------
        self.preview = PdfPreview()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        for widget, stretch in ((left, 0), (middle, 1), (self.preview, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        left.setMinimumWidth(170)
        middle.setMinimumWidth(360)
        self.preview.setMinimumWidth(300)
        splitter.setSizes([180, 460, 430])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.templates.currentItemChanged.connect(self._template_chosen)
        self.reload_button.clicked.connect(self.load_templates)
        self.edit_button.clicked.connect(self.edit_copy)
        self.remove_button.clicked.connect(self.remove_copy)
        self.publish_button.clicked.connect(self.publish)
        self.estate_search.textChanged.connect(self.find_estates)
        self.estate.activated.connect(lambda _index: self.fill_from_estate())
        self.fill_button.clicked.connect(self.fill_from_estate)
        self.preview_button.clicked.connect(lambda: self.build())
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_save_path)

        self.find_estates("")
        self.load_templates()

    # --- templates ------------------------------------------------------------------------
    def load_templates(self) -> None:
        """List the templates (the user's folder first, then those received from above, then
        the shipped ones)."""
        from app.services.published_templates import received

        current = self.template.name if self.template else None
        with self.db.reader() as session:  # one small table: the few templates sent down
            self.published = received(session)
        self.templates.blockSignals(True)
        self.templates.clear()
        for info in list_templates(self.user_dir, self.published):
            self.templates.addItem(self._template_item(info))
        self.templates.blockSignals(False)
        if not (current and self.select_template(current)):
            first = next(
                (i for i in range(self.templates.count())
                 if self.templates.item(i).flags() & Qt.ItemFlag.ItemIsEnabled),
                None,
            )  # fmt: skip
            if first is not None:
                self.templates.setCurrentRow(first)

    def edit_copy(self) -> TemplateEditor | None:
        """Open the chosen template's text in an editor; saved, it is listed and chosen."""
        if self.template is None:
            return None
        name = self.template.name
        text = template_text(name, self.user_dir, self.published)
        editor = TemplateEditor(name, text, self.user_dir, self)
        editor.accepted.connect(lambda: self._edited(editor))
        editor.open()
        return editor

    def _edited(self, editor: TemplateEditor) -> None:
        assert editor.saved is not None
        self.template = None
        self.load_templates()
        self.select_template(editor.saved.name)
        self.status.setText(self.tr("Saved template %1").replace("%1", str(editor.saved.info.path)))

    def remove_copy(self) -> bool:
        if self.template is None or not self.template.info.user:
            return False
        name = self.template.name
        answer = QMessageBox.question(
            self,
            self.tr("Remove my copy"),
            self.tr("Delete your template “%1”? This cannot be undone.").replace("%1", name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        remove_user_template(name, self.user_dir)
        self.template = None
        self.load_templates()
        self.select_template(name)
        return True

    def publish(self) -> Op | None:
        """Publish the chosen template (the user's own) to the offices below: it rides in every
        下发 package from now on (app/services/published_templates.py)."""
        if self.template is None or not self.template.info.user:
            return None
        name = self.template.name
        text = template_text(name, self.user_dir)
        now = datetime.now()

        def work(session: Session, _job: Job) -> None:
            from app.services.published_templates import publish

            publish(session, name, text, now=now)

        op = Op(self, self.db.sessions, work, write=True, tables=("published_template",))
        op.success(lambda _none: self.status.setText(
            self.tr("Published %1: it goes down with the next 下发 packages").replace("%1", name)
        ))  # fmt: skip
        op.problems(lambda problems: self.show_problems(list(problems)))
        op.run()
        return op

    def _template_item(self, info: TemplateInfo) -> QListWidgetItem:
        origin = self.tr(" · user's own") if info.user else ""
        if info.published_by and info.published_at:
            origin = self.tr(" · sent down by %1").replace("%1", info.published_by)
        if info.error:
            unusable = self.tr("Cannot be used")
            item = QListWidgetItem(f"{info.name}\n{unusable}{origin}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            item.setToolTip(self.tr("This template cannot be used: %1").replace("%1", info.error))
        else:
            item = QListWidgetItem(f"{info.name}\n{info.kind}{origin}")
            sent = ""
            if info.published_by and info.published_at:
                sent = (self.tr("Published by %1 on %2 (read-only here)")
                        .replace("%1", info.published_by)
                        .replace("%2", info.published_at.date().isoformat()))  # fmt: skip
            item.setToolTip("\n".join(t for t in (info.title, info.description, sent) if t))
        item.setData(NAME_ROLE, info.name)
        return item

    def select_template(self, name: str) -> bool:
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            if item.data(NAME_ROLE) == name and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.templates.setCurrentRow(row)
                return True
        return False

    def _template_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        name = item.data(NAME_ROLE)
        try:
            template = load_template(name, self.user_dir, self.published)
        except InputError as exc:  # changed on disk since it was listed
            self.clear_problems()
            self.show_problems(exc.problems)
            return
        self.show_template(template)

    def show_template(self, template: NoticeTemplate) -> None:
        """A form for `template`'s fields; text typed for a field of the same key is kept."""
        kept = {key: _text(widget) for key, widget in self.fields.items()}
        kept_date = self.date.date() if DATE in self.fields else QDate.currentDate()
        self.template = template
        self.remove_button.setEnabled(template.info.user)
        self.publish_button.setEnabled(template.info.user)
        self.fields, self.errors = {}, {}
        info = template.info
        self.description.setText(info.description)
        self.description.setVisible(bool(info.description))
        box = QWidget()
        column = QVBoxLayout(box)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(self.form)
        column.addStretch(1)  # spare height below the fields, not between them
        for key, label in info.fields:
            widget = _long_edit() if _is_long(key, label) else QLineEdit()
            if key.lower().endswith("date"):
                widget.setPlaceholderText(self.tr("e.g. %1").replace("%1", "2026-12-01"))
            if key in info.optional:
                label = self.tr("%1 (optional)").replace("%1", label)
            self._add_field(key, label, widget)
            _set_text(widget, kept.get(key, ""))
        if info.kind == "通知":
            office = QLineEdit(kept.get(OFFICE, ""))
            office.setPlaceholderText(self.tr("Leave blank for a notice without the red header"))
            self._add_field(OFFICE, self.tr("Issuing office"), office)
            number = QLineEdit(kept.get(DOC_NUMBER, ""))
            number.setPlaceholderText(self.tr("e.g. %1").replace("%1", EXAMPLE))
            self._add_field(DOC_NUMBER, self.tr("Document number"), number)
        self.date = QDateEdit(kept_date)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self._add_field(DATE, self.tr("Date of the document"), self.date)
        self.scroll.setWidget(box)  # the previous form is deleted with its widgets
        self.clear_problems()
        self.status.clear()
        self.preview.clear(self.tr("Fill in the fields, then press Preview."))
        if self.result is not None and self.result.path is not None:
            self.result.path.unlink(missing_ok=True)  # the preview has let go of it
        self.result = None

    def _add_field(self, key: str, label: str, widget: QWidget) -> None:
        """A row with the widget and, under it, the place its error message appears."""
        box, error = with_error(widget)
        self.form.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = error

    # --- from the ledgers -----------------------------------------------------------------
    def find_estates(self, text: str) -> None:
        with self.db.reader() as session:
            matches = estate_matches(session, text.strip())
        self.estate.set_choices(matches.choices, matches.more)
        if self.estate.currentIndex() < 0 and self.estate.count():
            self.estate.setCurrentIndex(0)

    def fill_from_estate(self) -> list[str]:
        """Fill the fields the ledgers know for the chosen estate; the labels filled."""
        self.estate_note.setVisible(False)
        if self.template is None:
            return []
        if not self.estate.value():
            self._estate_message(self.tr("Choose an estate first."), error=True)
            return []
        uuid = self.estate.value()
        try:
            with self.db.reader() as session:
                facts = fields_of_estate(session, uuid, today=self.document_date())
        except InputError as exc:
            self._estate_message("；".join(p.message for p in exc.problems), error=True)
            return []
        except WuyeError as exc:  # removed by another worker since it was listed
            self._estate_message(str(exc), error=True)
            return []
        filled = []
        for key, label in self.template.info.fields:
            if facts.get(key):
                _set_text(self.fields[key], facts[key])
                self.errors[key].setVisible(False)
                filled.append(label)
        if filled:
            self._estate_message(
                self.tr("Filled from the ledgers: %1").replace("%1", "、".join(filled))
            )
        else:
            self._estate_message(self.tr("The ledgers know none of this template's fields."))
        return filled

    def _estate_message(self, text: str, *, error: bool = False) -> None:
        self.estate_note.setText(text)
        self.estate_note.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.estate_note.setVisible(True)

    # --- building ---------------------------------------------------------------------------
    def document_date(self) -> date:
        picked = self.date.date()
        return date(picked.year(), picked.month(), picked.day())

    def request(self) -> NoticeRequest:
        assert self.template is not None
        keys = [key for key, _ in self.template.info.fields]
        return NoticeRequest(
            template=self.template.name,
            values=tuple((key, _text(self.fields[key])) for key in keys),
            office=_text(self.fields[OFFICE]) if OFFICE in self.fields else "",
            doc_number=_text(self.fields[DOC_NUMBER]) if DOC_NUMBER in self.fields else "",
            on=self.document_date(),
        )

    def is_current(self) -> bool:
        """The preview shows the PDF of the form as it is now."""
        return (
            self.result is not None
            and self.template is not None
            and self.result.request == self.request()
        )

    def build(self, then: Callable[[BuiltNotice], None] | None = None) -> Job | None:
        """Build the PDF off the UI thread and show it; `then` runs after a good build."""
        if self.template is None or self._job is not None:
            return None
        self.clear_problems()
        template, request = self.template, self.request()
        self._serial += 1
        out = self.folder / f"notice-{self._serial}.pdf"

        def work(_session: Session, job: Job) -> BuiltNotice:
            result = build_request(template, request, out)
            if job.cancelled():
                out.unlink(missing_ok=True)
                raise Cancelled
            return result

        job = Job(self.db.reader, work, owner=self)
        for signal in (job.signals.failed, job.signals.cancelled):
            signal.connect(self._idle)
        self._job = job
        self._set_busy(True)
        label = self.tr("Building the notice")
        run_with_progress(self, job, label, lambda r: self._finish(r, then))
        return job

    def _finish(self, result: BuiltNotice, then: Callable[[BuiltNotice], None] | None) -> None:
        """Show the build, then become idle: whoever waits for idle sees the result shown."""
        try:
            self._built(result, then)
        finally:
            self._idle()

    def busy(self) -> bool:
        return self._job is not None

    def _idle(self, *_args) -> None:
        self._job = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)

    def _built(self, result: BuiltNotice, then: Callable[[BuiltNotice], None] | None) -> None:
        if result.problems:
            self.show_problems(result.problems)
            self.built.emit(result)
            return
        assert result.path is not None
        previous = self.result.path if self.result else None
        if not self.preview.load(result.path):
            self.result = None
            return
        self.result = result
        if previous is not None and previous != result.path:
            previous.unlink(missing_ok=True)  # the preview has let go of it
        notes = [self.tr("Note: %1").replace("%1", note) for note in result.notes]
        self.status.setText("\n".join(notes))
        self.built.emit(result)
        if then is not None:
            then(result)

    def when_current(self, then: Callable[[BuiltNotice], None]) -> Job | None:
        """Run `then` with the PDF of the form as it is now, building it first if need be."""
        if self.is_current():
            assert self.result is not None
            then(self.result)
            return None
        return self.build(then)

    # --- problems ---------------------------------------------------------------------------
    def clear_problems(self) -> None:
        ProblemsDisplay(self.general_error, self.errors).clear()

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        """Each problem under its field (named by key or Chinese label), the rest below."""
        keys = dict(PAGE_FIELD_LABELS)
        if self.template is not None:
            keys |= {label: key for key, label in self.template.info.fields}
        ProblemsDisplay(self.general_error, self.errors).show(problems, aliases=keys)
        first = next((k for k in self.fields if self.errors[k].isVisible()), None)
        if first:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(self.fields[first])

    # --- printing and saving ----------------------------------------------------------------
    def choose_printer(self) -> Job | None:
        return self.when_current(self._print_dialog)

    def _print_dialog(self, result: BuiltNotice) -> None:
        printer = ask_printer(self, title=result.title, pages=self.preview.page_count())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed PDF on `printer` (set up by the print dialog); pages printed."""
        if self.result is None or self.result.path is None:
            raise RuntimeError("nothing has been built to print")
        pages = print_file(self, self.result.path, printer)
        if not pages:
            return 0
        self.status.setText(self.tr("Sent %1 page(s) to the printer.").replace("%1", str(pages)))
        return pages

    def choose_save_path(self) -> Job | None:
        return self.when_current(self._save_dialog)

    def _save_dialog(self, result: BuiltNotice) -> None:
        name = _UNSAFE_IN_FILE_NAMES.sub("_", result.title).strip("_.") or "notice"
        path = ask_pdf_path(self, f"{name}.pdf")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Copy the previewed PDF to `path`, whole or not at all."""
        if self.result is None or self.result.path is None:
            raise RuntimeError("nothing has been built to save")
        if not save_file(self, self.result.path, path):
            return False
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))
        return True


def _is_long(key: str, label: str) -> bool:
    return key in LONG_KEYS or any(word in label for word in LONG_LABEL_WORDS)


def _long_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(5 * line + 12)
    return edit


def _text(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    elif isinstance(widget, QLineEdit):
        widget.setText(text)
