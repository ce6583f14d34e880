"""Which font file the user chose for each document role (title, body, 黑体, 楷体, page
numbers), kept in the user data directory so an upgrade keeps it.

The file is small JSON, written whole (temporary file, then rename), so a crash never leaves
half a file. A file that cannot be read is reported and treated as "no choice": documents
still print with the best fonts found, and the user is told why their choice was not used.
Whether a chosen font file is usable is decided where fonts are loaded (reports.pdf.fonts),
which names the file and the reason.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from app.paths import user_data_dir

ROLES = ("title", "body", "hei", "kai", "song")
FILE_NAME = "fonts.json"


@dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int = 0  # the face in a .ttc collection


@dataclass(frozen=True)
class FontSettings:
    choices: dict[str, FontChoice] = field(default_factory=dict)
    problem: str = ""  # why the stored settings could not be read, for the user

    def sources(self) -> dict[str, tuple[Path, int]]:
        """As `find_fonts(**sources)` takes them."""
        return {role: (c.path, c.index) for role, c in self.choices.items()}


def settings_path(folder: Path | None = None) -> Path:
    return (folder or user_data_dir()) / FILE_NAME


def load_font_settings(folder: Path | None = None) -> FontSettings:
    path = settings_path(folder)
    if not path.exists():
        return FontSettings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        choices = {
            role: FontChoice(Path(entry["path"]), int(entry.get("index", 0)))
            for role, entry in data.get("fonts", {}).items()
            if role in ROLES
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return FontSettings(problem=f"字体设置文件 {path} 无法读取，已按自动选择（{exc}）")
    return FontSettings(choices)


def save_font_settings(settings: FontSettings, folder: Path | None = None) -> Path:
    path = settings_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "fonts": {
            role: {"path": str(c.path), "index": c.index}
            for role, c in settings.choices.items()
            if role in ROLES
        }
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)
    return path
