"""The start-up integrity check run on its own thread finds what the direct check finds."""

from __future__ import annotations

from pathlib import Path

from app.db.backups import QuickCheck, quick_problems


def test_the_threaded_check_finds_a_sound_file_sound_and_a_damaged_one_damaged(demo_db) -> None:  # type: ignore[no-untyped-def]
    path = demo_db.path
    demo_db.close()
    assert QuickCheck(path).problems() == []
    size = path.stat().st_size
    with path.open("r+b") as f:  # scribbled over, as a failing disk would
        for offset in range(size // 3, size // 3 + 40 * 4096, 4096):
            f.seek(offset + 16)
            f.write(b"\xde\xad\xbe\xef" * 64)
    found = QuickCheck(path).problems()
    assert found and found == quick_problems(path)


def test_a_missing_file_has_nothing_to_check(tmp_path: Path) -> None:
    assert QuickCheck(tmp_path / "new.sqlite").problems() == []
