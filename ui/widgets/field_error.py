"""A field with its error line under it: forms and pages show problems where they arose."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import Problem

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #b26a00;"  # a rule missed, saved anyway (never blocking)


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


class ProblemsDisplay:
    """Where a form or page shows refused input: each problem under its field, the rest in
    one general line; the one place forms, 公示栏 and 通知公告 show problems.

    `aliases` names fields by another key (a Chinese label, a service's field name); a dotted
    key ("members.2.phone") falls back to its leading part (the roster)."""

    def __init__(self, general: QLabel, errors: dict[str, QLabel] | None = None) -> None:
        self.general = general
        self.errors: dict[str, QLabel] = errors if errors is not None else {}

    def clear(self) -> None:
        for label in [*self.errors.values(), self.general]:
            label.clear()
            label.setVisible(False)

    def label_for(self, field: str, aliases: dict[str, str] | None = None) -> QLabel:
        key = field if field in self.errors else (aliases or {}).get(field, field)
        return self.errors.get(key) or self.errors.get(key.split(".")[0], self.general)

    def show(
        self, problems: Iterable[Problem], aliases: dict[str, str] | None = None
    ) -> str | None:
        """Show `problems`; the key of the first field that has one (to focus), if any."""
        by_label: dict[QLabel, list[str]] = {}
        for problem in problems:
            label = self.label_for(problem.field, aliases)
            by_label.setdefault(label, []).append(problem.message)
        for label, messages in by_label.items():
            label.setText("；".join(messages))
            label.setVisible(True)
        return next((k for k, label in self.errors.items() if label in by_label), None)

    def say(self, message: str) -> None:
        """A failure that concerns no field (a locked database): in the general line."""
        self.general.setText(message)
        self.general.setVisible(True)
