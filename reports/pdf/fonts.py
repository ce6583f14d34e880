"""Chinese fonts for PDFs: find the best TrueType face for each role and register it.

Roles follow GB/T 9704: the title and the red 发文机关标志 in 小标宋 (`title`), the body in 仿宋
(`body`), first-level headings in 黑体 (`hei`), second-level headings in 楷体 (`kai`), page
numbers in 宋体 (`song`). Each role takes the first face present in its order of styles, so a
Linux machine with only AR PL UMing/UKai and WenQuanYi gets UMing titles, UKai body text and
Zen Hei headings, and Windows gets SimSun/FangSong/SimHei/KaiTi.

TrueType faces are embedded as subsets (ReportLab's default) and their text extracts back
unchanged. With no usable face at all, every role falls back to ReportLab's `STSong-Light`
CID font, which is not embedded (the viewer substitutes a font), with a `FontWarning`.
Explicit paths, from the settings, override any role; a file that is missing, is not a font,
is an OpenType/CFF font (ReportLab refuses those) or has no Chinese glyphs raises `InputError`
naming the file.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError, Problem

ROLES = ("title", "body", "hei", "kai", "song")
ROLE_LABELS = {"title": "标题", "body": "正文", "hei": "黑体", "kai": "楷体", "song": "页码"}
FALLBACK = "STSong-Light"

# Styles in order of preference for each role: xbs 小标宋, song 宋体, fang 仿宋, kai 楷体, hei 黑体.
# A Hei title reads as a title; a Kai body is the usual stand-in for FangSong (PLATFORM.md).
ROLE_STYLES = {
    "title": ("xbs", "song", "hei", "kai", "fang"),
    "body": ("fang", "kai", "song", "hei", "xbs"),
    "hei": ("hei", "xbs", "song", "kai", "fang"),
    "kai": ("kai", "fang", "song", "hei", "xbs"),
    "song": ("song", "xbs", "fang", "kai", "hei"),
}
STYLE_NAMES = {"xbs": "小标宋", "song": "宋体", "fang": "仿宋", "kai": "楷体", "hei": "黑体"}


@dataclass(frozen=True)
class KnownFace:
    family: str
    style: str
    files: tuple[str, ...]  # file names, compared without regard to case
    index: int = 0  # face number inside a .ttc collection


# Faces known to embed in ReportLab, best first within each style. Noto/Source Han CJK are
# absent on purpose: ReportLab refuses their PostScript outlines (PLATFORM.md).
KNOWN_FACES = (
    KnownFace("方正小标宋简体", "xbs", ("FZXBSJW.TTF", "FZXBSK.TTF", "方正小标宋简体.ttf")),
    KnownFace("SimSun", "song", ("simsun.ttc", "simsun.ttf")),
    KnownFace("AR PL UMing CN", "song", ("uming.ttc",)),
    KnownFace("AR PL SungtiL GB", "song", ("gbsn00lp.ttf",)),
    KnownFace("FangSong", "fang", ("simfang.ttf",)),
    KnownFace("FangSong_GB2312", "fang", ("FS_GB2312.ttf", "仿宋_GB2312.ttf")),
    KnownFace("KaiTi", "kai", ("simkai.ttf",)),
    KnownFace("AR PL UKai CN", "kai", ("ukai.ttc",)),
    KnownFace("AR PL KaitiM GB", "kai", ("gkai00mp.ttf",)),
    KnownFace("SimHei", "hei", ("simhei.ttf",)),
    KnownFace("Microsoft YaHei", "hei", ("msyh.ttc", "msyh.ttf")),
    KnownFace("WenQuanYi Zen Hei", "hei", ("wqy-zenhei.ttc",)),
    KnownFace("WenQuanYi Micro Hei", "hei", ("wqy-microhei.ttc",)),
)

DEBIAN_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/truetype/arphic",
    "/usr/share/fonts/truetype/arphic-gbsn00lp",
    "/usr/share/fonts/truetype/arphic-gkai00mp",
)


class FontWarning(UserWarning):
    """No embeddable Chinese font: the PDF uses STSong-Light, which the viewer substitutes."""


@dataclass(frozen=True)
class FontFile:
    """A face found on this machine; `style` is "" for a CJK TrueType face we do not know."""

    family: str
    path: Path
    index: int
    style: str


@dataclass(frozen=True)
class RoleFont:
    """The font registered with ReportLab for one role."""

    role: str
    name: str  # ReportLab font name
    family: str
    path: Path | None  # None for the CID fallback
    embedded: bool

    def label(self) -> str:
        return self.family if self.embedded else f"{self.family}（未嵌入）"


@dataclass(frozen=True)
class FontSet:
    """A font for each role, plus what the user should know about the choice."""

    title: RoleFont
    body: RoleFont
    hei: RoleFont
    kai: RoleFont
    song: RoleFont
    warnings: tuple[str, ...] = ()

    def __getitem__(self, role: str) -> RoleFont:
        return getattr(self, role)

    def describe(self) -> str:
        """For the PDF's metadata: 字体：标题=AR PL UMing CN；正文=AR PL UKai CN；…"""
        return "字体：" + "；".join(f"{ROLE_LABELS[r]}={self[r].label()}" for r in ROLES)


FontSource = Path | str | tuple[Path | str, int]  # a file, or a file and its face number


def find_fonts(
    *,
    title: FontSource | None = None,
    body: FontSource | None = None,
    hei: FontSource | None = None,
    kai: FontSource | None = None,
    song: FontSource | None = None,
    faces: Iterable[FontFile] | None = None,
) -> FontSet:
    """The best font for each role; a role given a file (from the settings) uses that file.

    Every explicit file is checked, and all bad ones are reported together in one
    `InputError`. Roles without a file take the best of `faces` (by default the faces
    installed on this machine, `installed_faces()`), else `STSong-Light` with a warning.
    """
    explicit = {"title": title, "body": body, "hei": hei, "kai": kai, "song": song}
    chosen: dict[str, RoleFont] = {}
    problems: list[Problem] = []
    for role, source in explicit.items():
        if source is None:
            continue
        path, index = (source[0], source[1]) if isinstance(source, tuple) else (source, 0)
        try:
            chosen[role] = _load_role(role, Path(path), index, family=None)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    notes: list[str] = []
    missing = [r for r in ROLES if r not in chosen]
    if missing:
        faces = installed_faces() if faces is None else tuple(faces)
        for role in missing:
            chosen[role] = _best_installed(role, faces, notes)
    if chosen["body"].embedded and not _is_style(chosen["body"], "fang") and body is None:
        notes.append(f"本机未找到仿宋字体，正文改用 {chosen['body'].family}")
    if not all(chosen[r].embedded for r in ROLES):
        message = (
            "未找到可嵌入的中文 TrueType 字体，改用 STSong-Light（不嵌入 PDF，由阅读器代替显示）"
        )
        warnings.warn(message, FontWarning, stacklevel=2)
        notes.append(message)
    return FontSet(**chosen, warnings=tuple(dict.fromkeys(notes)))


def configured_fonts(folder: Path | None = None) -> FontSet:
    """The fonts for documents: the user's choices from the settings, the best installed
    font for every other role. A settings file that cannot be read is a warning; a chosen
    font file that cannot be used is an InputError naming it."""
    from app.font_settings import load_font_settings

    settings = load_font_settings(folder)
    fonts = find_fonts(**settings.sources())
    if settings.problem:
        fonts = dataclasses.replace(fonts, warnings=(settings.problem, *fonts.warnings))
    return fonts


def fallback_fonts() -> FontSet:
    """`STSong-Light` for every role: what a machine without Chinese TrueType fonts gets."""
    return FontSet(**{r: _cid_font(r) for r in ROLES})


@functools.cache
def installed_faces() -> tuple[FontFile, ...]:
    """Known faces present on this machine, best first, then unknown CJK TrueType faces.

    Cached for the process; call `installed_faces.cache_clear()` after installing a font.
    """
    found: dict[tuple[str, int], FontFile] = {}
    by_name = {name.lower(): face for face in KNOWN_FACES for name in face.files}
    unknown: list[FontFile] = []
    for folder in _font_dirs():
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            face = by_name.get(entry.name.lower())
            if face is not None and entry.is_file():
                found.setdefault(
                    (face.family, face.index), FontFile(face.family, entry, face.index, face.style)
                )
    for path, index, family, fmt in _fontconfig_faces():
        face = by_name.get(path.name.lower())
        if face is not None and face.index == index:
            found.setdefault((face.family, index), FontFile(face.family, path, index, face.style))
        elif face is None and fmt == "TrueType":
            unknown.append(FontFile(family, path, index, ""))
    order = {(f.family, f.index): n for n, f in enumerate(KNOWN_FACES)}
    known = sorted(found.values(), key=lambda f: order[(f.family, f.index)])
    return tuple(known + unknown)


def _font_dirs() -> list[Path]:
    if sys.platform == "win32":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        if local := os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # fonts installed per user
        return dirs
    home = Path.home()
    dirs = [Path(d) for d in DEBIAN_DIRS] + [home / ".local/share/fonts", home / ".fonts"]
    if sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), home / "Library/Fonts"]
    return dirs


def _fontconfig_faces() -> Iterable[tuple[Path, int, str, str]]:
    """(file, face number, family, format) of each Chinese face fontconfig knows, if it runs."""
    if sys.platform == "win32":
        return []
    try:
        result = subprocess.run(
            ["fc-list", ":lang=zh", "-f", "%{file}|%{index}|%{family}|%{fontformat}\n"],
            capture_output=True, text=True, timeout=15, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in sorted(result.stdout.splitlines()):
        parts = line.split("|")
        if len(parts) == 4 and parts[1].isdigit():
            faces.append((Path(parts[0]), int(parts[1]), parts[2].split(",")[0], parts[3]))
    return faces


def _best_installed(role: str, faces: Iterable[FontFile], notes: list[str]) -> RoleFont:
    rank = {style: n for n, style in enumerate(ROLE_STYLES[role])}
    for face in sorted(faces, key=lambda f: rank.get(f.style, len(rank))):
        try:
            return _load_role(role, face.path, face.index, family=face.family)
        except InputError as exc:  # a broken installed font: say so and take the next one
            notes.append(str(exc))
    return _cid_font(role)


_lock = threading.Lock()
_registered: dict[tuple[str, int, int, int], tuple[str, str]] = {}  # file state → name, family
_styles: dict[str, str] = {}  # ReportLab name → style of the known face, if known


def _load_role(role: str, path: Path, index: int, *, family: str | None) -> RoleFont:
    name, family = _register(path, index, ROLE_LABELS[role], family)
    return RoleFont(role, name, family, path, embedded=True)


def _register(path: Path, index: int, label: str, family: str | None) -> tuple[str, str]:
    """Register `path` (face `index`) with ReportLab once; return its name and family."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    field = f"{label}字体"
    try:
        stat = path.stat()
    except OSError:
        raise InputError(Problem(field, f"找不到字体文件 {path}")) from None
    key = (str(path.resolve()), index, stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key in _registered:
            return _registered[key]
        digest = hashlib.sha1(repr(key).encode()).hexdigest()[:10]
        name = f"WD-{digest}"
        try:
            font = TTFont(name, str(path), subfontIndex=index)
        except TTFError as exc:
            if "postscript outlines" in str(exc).lower():
                reason = (
                    "是 PostScript（CFF）轮廓的 OpenType 字体，无法嵌入 PDF，请改用 TrueType 字体"
                )
            else:
                reason = f"不是可用的 TrueType 字体（{exc}）"
            raise InputError(Problem(field, f"无法读取字体文件 {path}：{reason}")) from exc
        except Exception as exc:  # truncated or garbage files fail in many ways inside TTFont
            raise InputError(
                Problem(field, f"无法读取字体文件 {path}：文件已损坏或不是字体（{exc}）")
            ) from exc
        if ord("中") not in font.face.charToGlyph:
            raise InputError(Problem(field, f"字体文件 {path} 不含中文字形，不能用于中文文书"))
        if not family:
            raw = getattr(font.face, "familyName", b"") or font.face.name
            family = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        pdfmetrics.registerFont(font)
        style = next((k.style for k in KNOWN_FACES if k.family == family), "")
        _styles[name] = style
        _registered[key] = (name, family)
        return name, family


def _is_style(font: RoleFont, style: str) -> bool:
    return _styles.get(font.name) == style


def _cid_font(role: str) -> RoleFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    with _lock:
        if FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return RoleFont(role, FALLBACK, FALLBACK, None, embedded=False)
