"""After a crash or a kill, the forms left with unsaved changes are offered back at the next
start (issue 14): their drafts (app/drafts.py) reopen the same forms with what was typed, or
are dropped if the worker says no."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database
from app.drafts import Draft, discard_draft, drafts_of
from app.errors import WuyeError


def offer_drafts(parent: QWidget, db: Database) -> QMessageBox | None:
    """A window-modal question, opened without blocking (tests find it as `wuye_drafts`)."""
    if db.on_server:
        return None
    drafts = drafts_of(db.path)
    if not drafts:
        return None
    names = "、".join(f"“{d.title}”" for d in drafts[:5])
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Drafts", "Unsaved drafts"),
        QCoreApplication.translate(
            "Drafts",
            "The program closed while %1 form(s) had unsaved changes: %2. "
            "Open them again with what was typed?",
        )
        .replace("%1", str(len(drafts))).replace("%2", names),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )  # fmt: skip
    box.setObjectName("wuye_drafts")

    def answered(button: int) -> None:
        if button == QMessageBox.StandardButton.Yes:
            for draft in drafts:
                reopen_draft(parent, db, draft)
        else:
            for draft in drafts:
                discard_draft(draft.path)

    box.finished.connect(answered)
    box.open()
    return box


def reopen_draft(parent: QWidget, db: Database, draft: Draft) -> QWidget | None:
    """The draft's form over its record, its fields as they were; a draft whose form or
    record is gone is dropped."""
    from ui.forms.form_dialog import FormDialog

    module, _, name = draft.form.partition(":")
    try:
        form_class = getattr(importlib.import_module(module), name)
        if not (isinstance(form_class, type) and issubclass(form_class, FormDialog)):
            raise TypeError(draft.form)
        form = form_class(db, draft.uuid, parent)
    except (ImportError, AttributeError, TypeError, WuyeError):
        discard_draft(draft.path)
        return None
    form.restore_draft(draft.values)
    form.open()
    return form
