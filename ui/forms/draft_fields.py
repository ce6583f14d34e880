"""A form's fields as plain values and back, and a signal for any edit: what a draft of the
form holds (app/drafts.py). Masked personal fields are left out: unrevealed, they hold the
stored value, which a draft need not copy to disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ui.widgets.personal_edit import PersonalEdit

_MISSING = object()


def field_values(fields: Mapping[str, QWidget]) -> dict[str, Any]:
    values = {}
    for key, widget in fields.items():
        value = _value(widget)
        if value is not _MISSING:
            values[key] = value
    return values


def restore_values(fields: Mapping[str, QWidget], values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        widget = fields.get(key)
        if widget is None:
            continue
        if hasattr(widget, "set_value"):
            widget.set_value(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))
        elif isinstance(widget, QAbstractButton):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))


def watch(fields: Mapping[str, QWidget], edited: Callable[[], None]) -> None:
    """`edited()` after any change of any field, or of a widget inside one (a picker)."""
    for widget in fields.values():
        for part in [widget, *widget.findChildren(QWidget)]:
            if isinstance(part, QLineEdit | QPlainTextEdit):
                part.textChanged.connect(edited)
            elif isinstance(part, QComboBox):
                part.currentIndexChanged.connect(edited)
            elif isinstance(part, QDateTimeEdit):  # QDateEdit too
                part.dateTimeChanged.connect(edited)
            elif isinstance(part, QSpinBox):
                part.valueChanged.connect(edited)
            elif isinstance(part, QAbstractButton) and part.isCheckable():
                part.toggled.connect(edited)


def _value(widget: QWidget) -> Any:
    if isinstance(widget, PersonalEdit) and widget.masked():
        return _MISSING
    if hasattr(widget, "value_or_none"):
        return widget.value_or_none()
    if hasattr(widget, "set_value") and hasattr(widget, "value"):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return _MISSING
