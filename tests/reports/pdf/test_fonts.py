"""Fonts: the best face per role, explicit files checked, and Chinese text that extracts back
unchanged whatever the font, including the STSong-Light fallback."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import app
from app.errors import InputError
from reports.pdf.fonts import (
    FALLBACK,
    ROLE_STYLES,
    ROLES,
    FontSet,
    FontWarning,
    fallback_fonts,
    find_fonts,
    installed_faces,
)
from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice

DAY = date(2026, 11, 25)
NOTICE = FilledNotice(
    name="测试",
    kind="通知",
    title="关于濉溪县物业服务“双提升”工作的通知",
    addressee="各县区物业管理办公室：",
    paragraphs=(
        "根据淮物管办〔2022〕1号文件要求，现就有关事项通知如下：",
        "一、明确责任。各社区（居委会）要落实《物业管理条例》第十四条，确保100%覆盖；",
        "（一）建立台账。台账须于2026年12月31日前完成，联系电话0561-3012345！",
        "1.业主委员会组建率不低于90%，党员比例不低于50%？",
    ),
    signature="淮北市物业管理办公室",
)


def printed_text(pdf: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def expected_text() -> str:
    parts = [NOTICE.title, NOTICE.addressee, *NOTICE.paragraphs, NOTICE.signature, "2026年11月25日"]
    return "—1—" + "".join(parts)


def test_this_machine_has_an_embeddable_chinese_font() -> None:
    """dev.sh installs fonts-wqy-zenhei and fonts-arphic-*; without one, PDFs are not embedded."""
    assert installed_faces()


@pytest.mark.parametrize("face", installed_faces(), ids=lambda f: f"{f.family}#{f.index}")
def test_text_extracts_back_unchanged_in_every_installed_face(tmp_path: Path, face) -> None:  # type: ignore[no-untyped-def]
    source = (face.path, face.index)
    fonts = find_fonts(**dict.fromkeys(ROLES, source))
    assert {fonts[r].family for r in ROLES} == {face.family}
    pdf = build_notice(NOTICE, tmp_path / "face.pdf", date=DAY, fonts=fonts)
    assert printed_text(pdf) == expected_text()
    assert b"/FontFile2" in pdf.read_bytes()  # embedded (as a TrueType subset)


def test_text_extracts_back_unchanged_with_the_stsong_fallback(tmp_path: Path) -> None:
    fonts = fallback_fonts()
    pdf = build_notice(NOTICE, tmp_path / "cid.pdf", date=DAY, fonts=fonts)
    assert printed_text(pdf) == expected_text()
    assert b"/FontFile" not in pdf.read_bytes()
    assert "STSong-Light（未嵌入）" in PdfReader(pdf).metadata.subject


def test_no_font_found_falls_back_to_stsong_with_a_warning() -> None:
    with pytest.warns(FontWarning, match="STSong-Light"):
        fonts = find_fonts(faces=[])
    assert {fonts[r].name for r in ROLES} == {FALLBACK}
    assert any("STSong-Light" in note for note in fonts.warnings)


def test_each_role_takes_the_best_style_present() -> None:
    faces = installed_faces()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FontWarning)
        fonts = find_fonts(faces=faces)
    known = {f.family: f.style for f in faces}
    for role in ROLES:
        best = next(s for s in ROLE_STYLES[role] if s in known.values())
        assert known[fonts[role].family] == best, role


def test_debian_fonts_map_to_uming_titles_ukai_body_and_zen_hei_headings() -> None:
    families = {f.family for f in installed_faces()}
    if not {"AR PL UMing CN", "AR PL UKai CN", "WenQuanYi Zen Hei"} <= families:
        pytest.fail("dev.sh installs fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei")
    fonts = find_fonts()
    assert fonts.describe().startswith(
        "字体：标题=AR PL UMing CN；正文=AR PL UKai CN；黑体=WenQuanYi Zen Hei；楷体=AR PL UKai CN"
    )
    assert "本机未找到仿宋字体，正文改用 AR PL UKai CN" in fonts.warnings


def test_a_role_given_a_file_uses_it(fonts: FontSet) -> None:
    other = next(f for f in installed_faces() if f.family != fonts.body.family)
    chosen = find_fonts(body=(other.path, other.index))
    assert chosen.body.family == other.family and chosen.body.path == other.path
    assert chosen.title == fonts.title


def test_pdf_says_which_fonts_and_which_program_made_it(tmp_path: Path, fonts: FontSet) -> None:
    pdf = build_notice(NOTICE, tmp_path / "meta.pdf", date=DAY, fonts=fonts)
    meta = PdfReader(pdf).metadata
    assert meta.subject == fonts.describe()
    assert meta.subject.startswith("字体：标题=") and "正文=" in meta.subject
    assert meta.creator == f"WuyeDesk {app.__version__}"
    assert meta.title == NOTICE.title


def test_a_file_that_is_not_a_font_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "坏字体.ttf"
    bad.write_bytes(b"this is not a font" * 100)
    with pytest.raises(InputError) as caught:
        find_fonts(body=bad)
    assert "无法读取字体文件" in str(caught.value) and str(bad) in str(caught.value)
    assert caught.value.problems[0].field == "正文字体"


def test_every_bad_file_is_reported_at_once(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.ttc"
    truncated.write_bytes(next(iter(installed_faces())).path.read_bytes()[:2000])
    missing = tmp_path / "missing.ttf"
    with pytest.raises(InputError) as caught:
        find_fonts(title=truncated, hei=missing)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["标题字体", "黑体字体"]
    assert f"找不到字体文件 {missing}" in str(caught.value)


def test_a_font_without_chinese_glyphs_is_refused() -> None:
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    with pytest.raises(InputError, match="不含中文字形"):
        find_fonts(body=vera)


def test_an_opentype_cff_font_is_refused_with_the_reason(tmp_path: Path) -> None:
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + bytes(8) + b"\0" * 64)
    with pytest.raises(InputError, match="PostScript"):
        find_fonts(body=otf)
