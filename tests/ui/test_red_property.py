"""红色物业 in the window: a 交叉任职 and a 示范项目 with a failed review recorded through their
forms and listed on the page; a bad 交叉任职 refused at its fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import CrossPost, DemonstrationReview, Estate
from ui.forms.red_forms import CrossPostForm, DemonstrationForm

LEFT = Qt.MouseButton.LeftButton


def first_estate(demo_db) -> str:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        return s.scalars(select(Estate.uuid).order_by(Estate.name)).first()


def test_a_cross_post_is_recorded_and_listed(window, demo_db, qtbot, ime, screenshot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("red_property")
    posts = page.cross_posts
    qtbot.waitUntil(lambda: posts.model.rowCount() > 0)  # the demo's 交叉任职
    before = posts.model.rowCount()
    qtbot.mouseClick(posts.new_button, LEFT)
    form = posts.current_form
    assert isinstance(form, CrossPostForm) and not form.company.isEnabled()
    form.estate.set_value(first_estate(demo_db))
    ime(form.person, "王伟")
    ime(form.community_role, "社区党委委员")
    ime(form.post_role, "副主任")
    form.since.set_value(date(2026, 1, 1))
    form.phone.setText("13812345678")
    form.resize(1366, 768)
    screenshot(form, "form-cross-post")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        row = s.get(CrossPost, form.uuid)
        assert (row.person, row.side, row.phone) == ("王伟", "committee", "13812345678")
    qtbot.waitUntil(lambda: posts.model.rowCount() == before + 1)
    page.resize(1366, 768)
    screenshot(page, "page-red-cross-posts")


def test_a_company_post_without_a_company_is_refused_at_the_field(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, idle
) -> None:
    page = window.open_page("red_property")
    qtbot.mouseClick(page.cross_posts.new_button, LEFT)
    form = page.cross_posts.current_form
    form.estate.set_value(first_estate(demo_db))
    ime(form.person, "李娜")
    ime(form.community_role, "委员")
    ime(form.post_role, "项目经理")
    form.side.set_value("company")
    assert form.company.isEnabled()
    with qtbot.waitSignal(form.refused):
        qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "物业企业" in form.errors["company_uuid"].text()
    form.reject()


def test_a_demonstration_with_a_failed_review_shows_revoked(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, screenshot
) -> None:
    page = window.open_page("red_property")
    page.tabs.setCurrentWidget(page.demonstrations)
    shown = page.demonstrations
    qtbot.mouseClick(shown.new_button, LEFT)
    form = shown.current_form
    assert isinstance(form, DemonstrationForm) and form.company.count() > 0
    form.estate.set_value(first_estate(demo_db))
    form.level.set_value("district")
    form.named_on.set_value(date(2026, 3, 1))
    ime(form.named_by, "相山区委组织部")
    form.review_on.set_value(date.today())
    form.review_result.set_value("failed")
    form.resize(1366, 768)
    screenshot(form, "form-demonstration")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        (review,) = s.scalars(select(DemonstrationReview)).all()
        assert review.result == "failed" and review.project_uuid == form.uuid
    qtbot.waitUntil(lambda: shown.model.rowCount() == 1)
    index = shown.model.index(0, shown.model.columnCount() - 1)
    assert str(shown.model.data(index)).startswith("已撤销")
    page.resize(1366, 768)
    screenshot(page, "page-red-demonstrations")
