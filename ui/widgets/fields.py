"""Inputs for optional dates, coded choices and hundredths, keyboard-first like a ledger."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QRegularExpression, QTime
from PySide6.QtGui import QRegularExpressionValidator, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QLineEdit, QSpinBox, QWidget

from app.rules.units import hundredths, hundredths_text

_NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty: the minimum date stands for "not filled in" (Qt's idiom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(" ")
        self.setDate(_NO_DATE)

    def value(self) -> date | None:
        picked = self.date()
        return None if picked == _NO_DATE else date(picked.year(), picked.month(), picked.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))


def more_hint(more: int) -> str:
    """The line a searched list that was cut ends with: 还有 N 条，请输入关键字."""
    text = QCoreApplication.translate("Pickers", "%1 more: type a few characters to find them")
    return text.replace("%1", str(more))


class CodeCombo(QComboBox):
    """Shows Chinese labels, returns stored codes."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_choices(choices)

    def set_choices(self, choices: list[tuple[str, str]], more: int = 0) -> None:
        """`more`: matches left out of a searched list; a last, unselectable line says so."""
        current = self.value()
        self.clear()
        for code, label in choices:
            self.addItem(label, code)
        if more > 0:
            self.addItem(more_hint(more))
            model = self.model()
            if isinstance(model, QStandardItemModel):
                model.item(self.count() - 1).setEnabled(False)
        if current:
            self.set_value(current)

    def value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, code: str | None) -> None:
        self.setCurrentIndex(self.findData(code) if code is not None else -1)


class HundredthsEdit(QLineEdit):
    """A decimal with two places typed as text ("1200.5"), stored as an integer (120050)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^\d{0,9}(\.\d{0,2})?$"), self)
        )

    def value(self) -> int | None:
        text = self.text().strip()
        return hundredths(text) if text and text != "." else None

    def set_value(self, value: int | None) -> None:
        self.setText(hundredths_text(value))


class OptionalIntEdit(QSpinBox):
    """An integer that may be left empty: the minimum shows blank and means None."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(low - 1, high)
        self.setSpecialValueText(" ")
        self.setValue(low - 1)

    def value_or_none(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_value(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)


def count_box(high: int = 1_000_000) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, high)
    box.setGroupSeparatorShown(False)
    return box


class OptionalDateTimeEdit(QDateTimeEdit):
    """A date and time that may be left empty, like OptionalDateEdit (minutes, not seconds)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)
        self.setMinimumDateTime(QDateTime(_NO_DATE, QTime(0, 0)))
        self.setSpecialValueText(" ")
        self.setDateTime(self.minimumDateTime())

    def value(self) -> datetime | None:
        picked = self.dateTime()
        if picked == self.minimumDateTime():
            return None
        d, t = picked.date(), picked.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def set_value(self, value: datetime | None) -> None:
        if value is None:
            self.setDateTime(self.minimumDateTime())
        else:
            self.setDateTime(
                QDateTime(
                    QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
                )
            )
