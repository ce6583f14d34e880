"""数据同步 → 入网: the street writes a community's onboarding file and imports its reply in the
window; the community answers through the services, as its own PC would."""

from __future__ import annotations

import pytest

from app.db import open_database
from app.db.sync import utc_now
from app.packages.onboarding import import_onboarding_file, write_reply
from app.services.office_setup import set_up_office
from ui.pages.sync import SyncPage

STREET, COMMUNITY = "340603010000", "340603010001"


def office(path, code: str, name: str, level: str):  # type: ignore[no-untyped-def]
    db = open_database(path)
    with db.sessions.begin() as s:
        set_up_office(s, db.path, code=code, name=name, level=level, now=utc_now())
    return db


@pytest.fixture
def street(tmp_path):  # type: ignore[no-untyped-def]
    db = office(tmp_path / "street.sqlite", STREET, "曲阳街道", "street")
    yield db
    db.close()


def test_the_street_onboards_a_community_from_the_onboarding_tab(
    qtbot, street, tmp_path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    page = SyncPage(street)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    panel = page.onboarding_tab
    page.tabs.setCurrentWidget(panel)
    assert panel.upper_box.isVisibleTo(page) and panel.lower_box.isVisibleTo(page)
    panel.export_for(COMMUNITY, "桓谭社区", tmp_path / "入网.json")
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert "桓谭社区" in panel.lower_result.text() and (tmp_path / "入网.json").exists()
    assert "等待入网回复" in panel.lower_status.text()

    community = office(tmp_path / "community.sqlite", COMMUNITY, "桓谭社区", "community")
    with community.sessions.begin() as s:
        import_onboarding_file(s, tmp_path / "入网.json", now=utc_now())
        write_reply(s, community.path, tmp_path / "回复.json", now=utc_now())
    community.close()

    panel.import_file(tmp_path / "回复.json", panel.lower_result)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert "已登记下级单位 桓谭社区" in panel.lower_result.text()
    assert "已导入入网回复" in panel.lower_status.text()
    screenshot(page, "page-sync-onboarding")


def test_a_file_that_is_not_an_onboarding_file_is_refused_in_one_line(
    qtbot, street, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    page = SyncPage(street)
    qtbot.addWidget(page)
    bogus = tmp_path / "入网.json"
    bogus.write_text("{}", encoding="utf-8")
    panel = page.onboarding_tab
    panel.import_file(bogus)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.upper_result.text() and "Traceback" not in panel.upper_result.text()
    assert "\n" not in panel.upper_result.text().strip()
