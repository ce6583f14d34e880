"""打印字体: a chosen font is kept for every later document; a file that is not a font is
refused at OK with its name, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.font_settings import load_font_settings
from reports.pdf.fonts import configured_fonts, installed_faces
from ui.dialogs.font_settings import FontSettingsDialog


@pytest.fixture
def dialog(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    box = FontSettingsDialog(folder=tmp_path)
    qtbot.addWidget(box)
    return box


def test_every_role_starts_automatic_and_lists_the_installed_faces(dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.chosen().choices == {}
    assert dialog.combos["body"].count() == 1 + len(installed_faces())


def test_a_chosen_face_is_saved_and_used_by_the_documents(qtbot, dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    face = next(f for f in installed_faces() if "Hei" in f.family)
    dialog.choose("body", face.path, face.index)
    dialog.accept()
    assert dialog.result() == FontSettingsDialog.DialogCode.Accepted
    assert load_font_settings(tmp_path).choices["body"].path == face.path
    fonts = configured_fonts(tmp_path)
    assert fonts.body.family == face.family
    assert not any("仿宋" in w for w in fonts.warnings)  # the user chose; no hint


def test_a_file_that_is_not_a_font_is_refused_with_its_name(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "坏字体.ttf"
    bad.write_bytes(b"not a font at all")
    dialog.choose("title", bad)
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "坏字体.ttf" in dialog.error.text()
    assert not (tmp_path / "fonts.json").exists()


def test_an_unreadable_settings_file_falls_back_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "fonts.json").write_text("{not json", encoding="utf-8")
    fonts = configured_fonts(tmp_path)
    assert fonts.body.embedded and "字体设置文件" in fonts.warnings[0]
