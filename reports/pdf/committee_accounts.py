"""The committee's accounts 公示 through the notice engine: a plain 公告 (no red header)
signed by the committee, its lines as numbered paragraphs under 一、二、三、 headings.
The content comes planned from `app.services.committee_accounts`; this module only draws."""

from __future__ import annotations

from pathlib import Path

from app.services.committee_accounts import AccountsContent
from reports.pdf.fonts import FontSet
from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice


def draw_accounts_notice(
    content: AccountsContent, out: Path, *, fonts: FontSet | None = None
) -> Path:
    filled = FilledNotice(
        name="账目公示",
        kind="公告",
        title=content.title,
        paragraphs=(*content.paragraphs, f"（第{content.version}版）"),
        signature=content.signature,
    )
    return build_notice(filled, out, date=content.published_on, fonts=fonts)
