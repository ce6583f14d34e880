"""A record printed through a notice template: the 约谈通知 of an interview, a 通报. The
record's service gives the template's values (app/services); this fills the template (the
user's copy of it wins, resources/templates/README.md) and draws it by the notice engine, for
the CLI and the window alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reports.pdf.fonts import configured_fonts
from reports.pdf.notice import build_notice
from reports.pdf.templates import default_user_dir, fill, load_template


def build_from_template(
    name: str,
    values: dict[str, str],
    out: Path,
    *,
    office: str | None,
    doc_number: str | None,
    on: date,
) -> tuple[str, ...]:
    """Write the notice to `out`; return the font warnings to show. InputError (a missing
    field, a bad document number) before anything is written."""
    fonts = configured_fonts()
    filled = fill(load_template(name, default_user_dir()), values)
    build_notice(filled, out, office=office, doc_number=doc_number, date=on, fonts=fonts)
    return tuple(fonts.warnings)
