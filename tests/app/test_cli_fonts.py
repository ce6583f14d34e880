"""`wuye fonts`: the font of each role, a checked choice kept in the user's settings, and a
document refused (no file left) when a chosen font file has gone bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from reports.pdf.fonts import installed_faces


@pytest.fixture(autouse=True)
def user_dir(monkeypatch, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "WuyeDesk"


def wuye(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_fonts_lists_every_role_automatic_at_first() -> None:
    shown = json.loads(wuye("fonts", "--json").output)
    assert [r["role"] for r in shown["roles"]] == ["title", "body", "hei", "kai", "song"]
    assert not any(r["chosen"] for r in shown["roles"])


def test_a_font_set_is_kept_and_reset_goes_back_to_automatic(user_dir: Path) -> None:
    face = installed_faces()[0]
    result = wuye("fonts", "set", "body", str(face.path), "--index", str(face.index))
    assert result.exit_code == 0, result.output
    body = json.loads(wuye("fonts", "--json").output)["roles"][1]
    assert body["chosen"] and body["family"] == face.family
    assert wuye("fonts", "reset").exit_code == 0
    assert not json.loads(wuye("fonts", "--json").output)["roles"][1]["chosen"]


def test_a_file_that_is_not_a_font_is_refused_and_not_kept(tmp_path: Path, user_dir: Path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"garbage")
    result = wuye("fonts", "set", "title", str(bad))
    assert result.exit_code == 1 and "bad.ttf" in result.output
    assert not (user_dir / "fonts.json").exists()


def test_a_chosen_font_gone_bad_stops_printing_with_no_file_left(db, tmp_path, user_dir) -> None:  # type: ignore[no-untyped-def]
    font = tmp_path / "mine.ttf"
    font.write_bytes(installed_faces()[0].path.read_bytes()[:0] + b"broken")
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "fonts.json").write_text(
        json.dumps({"fonts": {"title": {"path": str(font), "index": 0}}}), encoding="utf-8"
    )
    db.close()
    out = tmp_path / "通知.pdf"
    result = wuye("--db", str(db.path), "print", "notice", "自由通知", "--field", "title=通知",
                  "--field", "body=正文。", "-o", str(out))  # fmt: skip
    assert result.exit_code == 1 and "mine.ttf" in result.output
    assert not out.exists()
