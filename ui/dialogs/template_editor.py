"""编辑模板: a copy of a notice template, edited as plain text and saved in the user's folder.

The text is checked whole when saved (`save_user_template`), and its problems, with line
numbers, are shown under it; nothing is written until it is a valid template. The format is
described at the top so a worker need not look elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from reports.pdf.templates import NoticeTemplate, save_user_template
from ui.widgets.field_error import error_label


class TemplateEditor(QDialog):
    def __init__(self, name: str, text: str, user_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit template"))
        self.user_dir = user_dir
        self.saved: NoticeTemplate | None = None
        help_text = QLabel(
            self.tr(
                "Lines before --- describe the template (标题, 类型 通知/公告, 字段 key=label, "
                "key?=label for an optional field); after it comes the text, a blank line "
                "between paragraphs. ${key} is replaced by the field's value."
            )
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #555;")
        self.name = QLineEdit(name)
        self.name.setToolTip(
            self.tr("Keep the name to replace the shipped template for you; a new name adds one")
        )
        self.text = QPlainTextEdit(text)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(QFont(fixed.family(), self.font().pointSize()))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Template name"), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def accept(self) -> None:
        try:
            text = self.text.toPlainText()
            self.saved = save_user_template(self.name.text(), text, self.user_dir)
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        super().accept()
