"""The recent databases of 文件 → 最近的数据库: newest first, the demo one marked, a few kept."""

from __future__ import annotations

from pathlib import Path

from app.recent_databases import KEEP, demo_path_beside, is_demo, load_recent, recent_path, remember


def test_the_last_opened_comes_first_and_keeps_its_demo_mark(tmp_path: Path) -> None:
    real, demo = tmp_path / "wuyedesk.sqlite", demo_path_beside(tmp_path / "wuyedesk.sqlite")
    remember(demo, demo=True, folder=tmp_path)
    remember(real, demo=False, folder=tmp_path)
    remember(demo, folder=tmp_path)  # opened again from the menu: still the demo
    assert [(e.path.name, e.demo) for e in load_recent(tmp_path)] == [
        ("demo.sqlite", True), ("wuyedesk.sqlite", False)
    ]  # fmt: skip
    assert is_demo(demo, tmp_path) and not is_demo(real, tmp_path)


def test_only_the_newest_few_are_kept(tmp_path: Path) -> None:
    for i in range(KEEP + 3):
        remember(tmp_path / f"{i}.sqlite", folder=tmp_path)
    assert len(load_recent(tmp_path)) == KEEP


def test_an_unreadable_list_is_an_empty_list(tmp_path: Path) -> None:
    recent_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert load_recent(tmp_path) == []
