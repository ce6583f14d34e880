"""An office below this one (a street's communities, a district's streets): without it a street
has no community to file an estate under. Saved through app.services.offices.add_org, the
service the demo and the tests use; its level and parent follow from the division code."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import division_name
from app.db import Database
from app.errors import InputError, Problem
from app.rules.division_code import level_of, parent_code
from app.services.offices import add_org
from ui.forms.form_dialog import FormDialog


class OrgForm(FormDialog):
    record_table = "org"
    keeps_drafts = False  # made once by the wizard; not reopened as (db, uuid)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, None, parent)
        self.setWindowTitle(self.tr("New office below"))
        self.code = self.add_field("code", self.tr("Division code"), QLineEdit())
        self.code.setPlaceholderText(self.tr("12 digits, e.g. 340603010001"))
        self.name = self.add_field("name", self.tr("Office name"), QLineEdit())
        self._auto_name = ""
        self.code.textChanged.connect(self._code_typed)
        self.code.setFocus()

    def _code_typed(self, text: str) -> None:
        found = division_name(text.strip())
        if found and self.name.text().strip() in ("", self._auto_name):
            self.name.setText(found)
            self._auto_name = found

    def write(self, session: Session) -> str:
        code = self.code.text().strip()
        try:
            level, upper = level_of(code), parent_code(code)
        except ValueError:
            raise InputError(Problem("code", "区划代码应为12位数字")) from None
        try:
            org = add_org(session, code=code, name=self.name.text(), level=level,
                          parent_code=upper or "")  # fmt: skip
        except InputError as exc:  # the parent follows from the code: shown at the code
            raise InputError(
                [Problem("code" if p.field == "parent_code" else p.field, p.message)
                 for p in exc.problems]
            ) from exc  # fmt: skip
        return org.uuid
