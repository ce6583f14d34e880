"""通知公告: a template chosen, its fields typed or filled from the ledgers, previewed, printed
through a QPrinter and saved, as a worker would do it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit

from app.services.notice_fields import estate_fields
from tests.conftest import TODAY
from ui.pages.notices import DATE, DOC_NUMBER, NAME_ROLE, OFFICE, NoticesPage

TITLE = "关于清理楼道杂物的通知"
BODY = "请各位业主于12月5日前清理楼道内堆放的杂物。\n逾期未清理的，由物业服务企业统一清运。"
ESTATE = "华家家园"  # seed-1 demo estate with a current contract, a manager and a committee


@pytest.fixture
def page(qtbot, demo_db, tmp_path):  # type: ignore[no-untyped-def]
    notices = NoticesPage(demo_db, user_dir=tmp_path / "templates")
    qtbot.addWidget(notices)
    notices.resize(1100, 720)
    with qtbot.waitExposed(notices):
        notices.show()
    return notices


def preview(qtbot, page: NoticesPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.busy()
    qtbot.waitUntil(lambda: not page.busy(), timeout=30_000)  # built off the UI thread


def free_notice(qtbot, ime, page: NoticesPage, title: str = TITLE) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("自由通知")
    ime(page.fields["title"], title)
    ime(page.fields["body"], BODY)
    preview(qtbot, page)


def text_of(pdf: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_a_typed_free_notice_is_previewed_as_one_page(qtbot, ime, page) -> None:  # type: ignore[no-untyped-def]
    free_notice(qtbot, ime, page)
    assert page.preview.page_count() == 1
    assert page.result is not None and page.result.title == TITLE
    assert TITLE in text_of(page.result.path)
    assert "统一清运" in text_of(page.result.path)  # the second line of the body, its own paragraph
    assert not page.general_error.isVisible()


def test_a_missing_field_is_shown_at_it_and_nothing_is_built(qtbot, ime, page) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("停水停电通知")
    ime(page.fields["estate"], ESTATE)
    preview(qtbot, page)
    assert page.errors["reason"].isVisible()
    assert page.errors["reason"].text() == "未填写"
    assert page.errors["start_time"].text() == "未填写"
    assert not page.errors["estate"].isVisible()
    assert page.result is None and page.preview.page_count() == 0
    assert not list(page.folder.iterdir())


def test_a_wrong_document_number_is_shown_at_its_field(qtbot, ime, page) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("自由通知")
    ime(page.fields["title"], TITLE)
    ime(page.fields["body"], BODY)
    ime(page.fields[OFFICE], "曲阳街道办事处文件")
    ime(page.fields[DOC_NUMBER], "曲街〔26〕1号")
    preview(qtbot, page)
    assert "年份应写全四位" in page.errors[DOC_NUMBER].text()
    assert page.result is None


def test_the_form_follows_the_template(page) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("业主大会会议通知")  # a 公告: no red header, no number
    assert isinstance(page.fields["agenda"], QPlainTextEdit)
    assert isinstance(page.fields["venue"], QLineEdit)
    assert OFFICE not in page.fields and DOC_NUMBER not in page.fields and DATE in page.fields
    assert page.select_template("自由通知")  # a 通知
    assert {OFFICE, DOC_NUMBER} <= set(page.fields)
    assert page.form.labelForField(page.fields["addressee"].parentWidget()).text() == "主送（可选）"


def test_choosing_an_estate_fills_what_the_ledgers_know(qtbot, ime, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("物业服务信息公示")
    page.date.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    ime(page.estate_search, ESTATE)
    assert page.estate.currentText().endswith(f" · {ESTATE}")
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    with demo_db.reader() as session:
        facts = estate_fields(session, ESTATE, today=TODAY)
    assert page.fields["estate"].text() == ESTATE
    assert page.fields["company"].text() == facts["company"] != ""
    assert page.fields["manager"].text() == facts["manager"] != ""
    assert page.fields["fee_standard"].text() == facts["fee_standard"]
    assert page.fields["supervisor"].text() == ""  # the ledgers cannot know it
    assert "物业服务企业名称" in page.estate_note.text()


def test_printing_to_a_pdf_file_keeps_the_text(qtbot, ime, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    free_notice(qtbot, ime, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == 1
    assert TITLE in text_of(tmp_path / "printed.pdf")


def test_printing_a_page_range_paints_the_pages_as_images(qtbot, ime, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    free_notice(qtbot, ime, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "painted.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    assert page.print_to(printer) == 1
    (printed,) = PdfReader(tmp_path / "painted.pdf").pages
    (image,) = printed.images
    assert image.image.width >= 2400  # rendered at 300 dpi across A4's 210 mm
    assert round(float(printed.mediabox.width)) == 595  # A4, as the notice is


def test_save_as_copies_the_previewed_pdf(qtbot, ime, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    free_notice(qtbot, ime, page)
    target = tmp_path / "out" / "通知.pdf"
    assert page.save_to(target)
    assert target.read_bytes() == page.result.path.read_bytes()


def test_a_field_changed_after_the_preview_is_built_again_before_saving(
    qtbot, ime, page, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    free_notice(qtbot, ime, page)
    first = page.result.path
    ime(page.fields["title"], "关于暂停电梯运行的通知")
    assert not page.is_current()
    job = page.when_current(lambda _built: page.save_to(tmp_path / "new.pdf"))
    assert job is not None
    qtbot.waitUntil(lambda: (tmp_path / "new.pdf").exists(), timeout=30_000)
    assert "关于暂停电梯运行的通知" in text_of(tmp_path / "new.pdf")
    assert not first.exists()  # the old preview's file is gone once the new one shows


def test_a_broken_user_template_is_listed_greyed_with_its_error(qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "坏模板.txt").write_text("标题: 坏模板\n类型: 公告\n", encoding="utf-8")
    page = NoticesPage(demo_db, user_dir=folder)
    qtbot.addWidget(page)
    rows = [page.templates.item(i) for i in range(page.templates.count())]
    (broken,) = [item for item in rows if item.text().startswith("坏模板")]
    assert not broken.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "分隔行" in broken.toolTip()
    assert not page.select_template("坏模板")
    assert page.template is not None  # the first usable template is shown instead


def test_the_page_with_a_preview_is_saved_as_a_screenshot(
    qtbot, ime, window, screenshot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # the user's template folder
    page = window.open_page("notices")
    assert window.nav.currentItem().text() == "通知公告"
    free_notice(qtbot, ime, page)
    viewport = page.preview.view.viewport()

    def page_painted() -> bool:  # QPdfView renders pages in the background: wait for ink
        picture = viewport.grab().toImage()
        return any(
            picture.pixelColor(x, y).lightness() < 100
            for y in range(0, picture.height() // 3, 2)
            for x in range(0, picture.width(), 2)
        )

    qtbot.waitUntil(page_painted, timeout=10_000)
    path = screenshot(window, "page-notices")
    assert path.stat().st_size > 10_000


def test_print_builds_first_then_opens_the_print_dialog(qtbot, ime, page) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("自由通知")
    ime(page.fields["title"], TITLE)
    ime(page.fields["body"], BODY)
    seen: list[QPrintDialog] = []

    def cancel_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            seen.append(dialog)
            dialog.reject()
        else:  # still building, or exec() has not shown the dialog yet
            QTimer.singleShot(20, cancel_the_dialog)

    QTimer.singleShot(0, cancel_the_dialog)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert page.preview.page_count() == 1
    assert seen[0].maxPage() == 1
    assert "打印机" not in page.status.text()  # cancelled: nothing was sent to a printer


def test_text_typed_for_a_field_stays_when_another_template_shares_it(ime, page) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("物业服务信息公示")
    ime(page.fields["estate"], ESTATE)
    assert page.select_template("停水停电通知")
    assert page.fields["estate"].text() == ESTATE
    assert page.fields["reason"].text() == ""


def test_a_template_is_copied_edited_and_used_then_removed(
    qtbot, page, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert page.select_template("自由通知")
    editor = page.edit_copy()
    assert "${body}" in editor.text.toPlainText()
    editor.text.setPlainText(editor.text.toPlainText().replace("类型: 通知", "类型: 函件"))
    editor.accept()  # refused: 类型 must be 通知 or 公告; nothing written
    assert editor.isVisible() and "类型" in editor.error.text()
    assert not (tmp_path / "templates" / "自由通知.txt").exists()
    editor.name.setText("社区提醒")
    editor.text.setPlainText(editor.text.toPlainText().replace("类型: 函件", "类型: 公告"))
    editor.accept()
    assert not editor.isVisible() and (tmp_path / "templates" / "社区提醒.txt").exists()
    assert page.template.name == "社区提醒" and page.template.info.user
    assert page.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert page.remove_copy()
    assert not (tmp_path / "templates" / "社区提醒.txt").exists()
    assert not page.select_template("社区提醒")


def test_an_estate_whose_name_another_community_shares_fills_its_own_facts(  # type: ignore[no-untyped-def]
    qtbot, ime, page, demo_db
) -> None:
    from sqlalchemy import select

    from app.models import Estate, Org
    from app.services.estates import EstateIn, create_estate

    with demo_db.sessions.begin() as s:
        served = s.scalars(select(Estate).where(Estate.name == ESTATE)).one()
        other = s.scalars(
            select(Org).where(Org.level == "community", Org.code != served.community_code)
        ).first()
        data = EstateIn(community_code=other.code, name=ESTATE, households=10, address="新地址1号")
        create_estate(s, data, today=TODAY)
        other_name = other.name
    assert page.select_template("物业服务信息公示")
    ime(page.estate_search, ESTATE)
    labels = [page.estate.itemText(i) for i in range(page.estate.count())]
    assert f"{other_name} · {ESTATE}" in labels and len(labels) == 2
    page.estate.setCurrentIndex(labels.index(f"{other_name} · {ESTATE}"))
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert page.fields["estate"].text() == ESTATE and "有2个小区" not in page.estate_note.text()
    assert page.fields["company"].text() == ""  # the new estate has no contract, unlike its twin


SENT_DOWN = """标题: 关于${estate}开展消防通道专项整治的通知
类型: 通知
字段: estate=小区名称
---
请${estate}物业服务企业立即清理消防通道。
"""


def test_a_template_sent_down_is_listed_read_only_and_an_own_one_is_published(
    qtbot, demo_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from app.models import PublishedTemplate

    with demo_db.sessions.begin() as s:  # as a 下发 package leaves it (app/packages/shared_down)
        s.add(PublishedTemplate(
            name="消防通道整治通知", text=SENT_DOWN, published_by="340603000000",
            published_by_name="相山区", published_at=datetime(2026, 12, 1, 9),
            received_from="340603000000"))  # fmt: skip
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "社区提醒.txt").write_text(SENT_DOWN.replace("类型: 通知", "类型: 公告"), "utf-8")
    page = NoticesPage(demo_db, user_dir=folder)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    rows = {page.templates.item(i).data(NAME_ROLE): page.templates.item(i)
            for i in range(page.templates.count())}  # fmt: skip
    sent = rows["消防通道整治通知"]
    assert "相山区" in sent.text() and "2026-12-01" in sent.toolTip()
    assert page.select_template("消防通道整治通知")
    assert not page.template.info.user and page.template.info.published_by == "相山区"
    assert not page.remove_button.isEnabled() and not page.publish_button.isEnabled()
    page.grab().save(str(tmp_path / "notices-sent-down.png"))

    assert page.select_template("社区提醒") and page.publish_button.isEnabled()
    op = page.publish()
    assert op is not None
    qtbot.waitUntil(lambda: "社区提醒" in page.status.text(), timeout=30_000)
    with demo_db.reader() as s:
        row = s.get(PublishedTemplate, "社区提醒")
        assert row is not None and row.received_from is None
