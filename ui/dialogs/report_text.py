"""What a 周报 or 日报 says in words (附件3 一: 本期工作完成情况、发现的问题、下一步工作),
asked when a community submits one from the 调度 page; the same three texts as
`wuye submit --done --problems --next`, each optional there too. The figures come from the
data, not from here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReportTextDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.work_done = QPlainTextEdit()
        self.problems_found = QPlainTextEdit()
        self.next_steps = QPlainTextEdit()
        for edit in (self.work_done, self.problems_found, self.next_steps):
            edit.setTabChangesFocus(True)  # Tab moves on, as in every other form
            edit.setMinimumHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Work done this period"), self.work_done)
        form.addRow(self.tr("Problems found"), self.problems_found)
        form.addRow(self.tr("Next steps"), self.next_steps)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def texts(self) -> tuple[str, str, str]:
        return (
            self.work_done.toPlainText().strip(),
            self.problems_found.toPlainText().strip(),
            self.next_steps.toPlainText().strip(),
        )
