"""A personal field in a form (a phone, an ID number, a complainant's name): shown masked
until the form's explicit, audited 显示个人信息 (issue 14), by the one masking function.

`text()` still gives the loaded value, so a field nobody revealed saves back unchanged; it is
read only while masked, since editing half a mask would store stars.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.rules.masking import mask_field


class PersonalEdit(QLineEdit):
    masking_changed = Signal()

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._hidden: str | None = None  # the loaded value while the mask is shown

    def setText(self, text: str | None) -> None:
        """Load a value: shown masked if masking changes it (a value already masked for a
        查看 account, or an empty one, is shown as it is)."""
        value = text or ""
        shown = str(mask_field(self.field, value) or "")
        if value and shown != value and "*" not in value:  # masked already: as it is
            self._hidden = value
            super().setText(shown)
            self.setReadOnly(True)
            self.setToolTip(self.tr("Masked: “Show personal data” shows it in clear (recorded)"))
        else:
            self._hidden = None
            super().setText(value)
            self.setReadOnly(False)
            self.setToolTip("")
        self.masking_changed.emit()

    def text(self) -> str:
        return self._hidden if self._hidden is not None else super().text()

    def masked(self) -> bool:
        return self._hidden is not None

    def reveal(self) -> None:
        """In clear and editable: only after the reveal was audited."""
        if self._hidden is not None:
            value, self._hidden = self._hidden, None
            super().setText(value)
            self.setReadOnly(False)
            self.setToolTip("")
            self.masking_changed.emit()
