"""A field with its error line under it: forms and pages show problems where they arose."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #c62828;"


def error_label() -> QLabel:
    """Red, wrapping, hidden until a problem is shown in it."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def with_error(widget: QWidget) -> tuple[QWidget, QLabel]:
    """The widget with an error line below it, as one box for a form row."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = error_label()
    column.addWidget(error)
    return box, error
