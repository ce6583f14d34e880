"""打印字体: the user picks the font file for each document role, or leaves it automatic.

The dialog offers the Chinese faces found on this computer and any file the user browses to;
OK checks the choice by loading the fonts (reports.pdf.fonts names a bad file and why) and
keeps the dialog open until every chosen file is usable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.font_settings import (
    ROLES,
    FontChoice,
    FontSettings,
    load_font_settings,
    save_font_settings,
)
from reports.pdf.fonts import ROLE_LABELS, find_fonts, installed_faces
from ui.widgets.field_error import error_label

AUTO = None  # the combo's data for "automatic"


class FontSettingsDialog(QDialog):
    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fonts for printed documents"))
        self.folder = folder
        self.combos: dict[str, QComboBox] = {}
        settings = load_font_settings(folder)
        faces = installed_faces()

        intro = QLabel(
            self.tr(
                "Each kind of text in notices and disclosure boards uses one font. "
                "Automatic picks the best Chinese font found on this computer."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for role in ROLES:
            combo = QComboBox()
            combo.setMinimumContentsLength(28)
            combo.addItem(self.tr("Automatic"), AUTO)
            for face in faces:
                combo.addItem(f"{face.family}（{face.path.name}）", (str(face.path), face.index))
            chosen = settings.choices.get(role)
            if chosen is not None:
                self._select(combo, (str(chosen.path), chosen.index))
            browse = QPushButton(self.tr("File…"))
            browse.clicked.connect(lambda _=False, r=role: self.browse(r))
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(browse)
            form.addRow(ROLE_LABELS[role], row)
            self.combos[role] = combo
        self.error = error_label()
        if settings.problem:
            self.error.setText(settings.problem)
            self.error.setVisible(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _select(self, combo: QComboBox, data: tuple[str, int]) -> None:
        index = combo.findData(data)
        if index < 0:
            combo.addItem(f"{Path(data[0]).name}（{data[0]}）", data)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def browse(self, role: str) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a font file"), "", self.tr("TrueType fonts (*.ttf *.ttc)")
        )
        if path:
            self.choose(role, Path(path))

    def choose(self, role: str, path: Path, index: int = 0) -> None:
        self._select(self.combos[role], (str(path), index))

    def chosen(self) -> FontSettings:
        choices = {}
        for role, combo in self.combos.items():
            data = combo.currentData()
            if data is not AUTO:
                choices[role] = FontChoice(Path(data[0]), int(data[1]))
        return FontSettings(choices)

    def accept(self) -> None:
        """Save only a usable choice; else say which file and why, and stay open."""
        settings = self.chosen()
        try:
            find_fonts(**settings.sources())
        except InputError as exc:
            self.error.setText("\n".join(str(p) for p in exc.problems))
            self.error.setVisible(True)
            return
        save_font_settings(settings, self.folder)
        super().accept()
