"""Finding a community or an estate by the name people use for it.

Estates named the same in two communities are realistic (两个社区都有“幸福家园”), so a name
alone may be ambiguous: the community, by name or 12-digit code, tells them apart, and an
ambiguous name is refused listing the communities to choose from, never guessed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, Problem
from app.models import Estate, Org
from app.services.offices import in_subtree


def find_community(session: Session, name_or_code: str) -> Org:
    """A community of this office, by its 12-digit code or its name."""
    text = name_or_code.strip()
    column = Org.code if text.isdigit() else Org.name
    found = session.scalars(
        select(Org).where(column == text, Org.level == "community", in_subtree(session, Org.code))
    ).all()
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(Problem("community", f"本辖区没有社区“{text}”"))
    codes = "、".join(org.code for org in found)
    raise InputError(Problem("community", f"有{len(found)}个社区名为“{text}”，请用代码：{codes}"))


def find_estate(session: Session, name: str, community: str | None = None) -> Estate:
    """By name within the office, or within `community` (name or code) when given."""
    name = name.strip()
    where = [Estate.name == name, in_subtree(session, Estate.community_code)]
    place = ""
    if community and community.strip():
        org = find_community(session, community)
        where.append(Estate.community_code == org.code)
        place = org.name
    found = session.scalars(select(Estate).where(*where)).all()
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(Problem("estate", f"{place or '本辖区'}没有名为“{name}”的小区"))
    communities = session.execute(
        select(Org.name, Org.code).where(Org.code.in_([e.community_code for e in found]))
    ).all()
    listed = "、".join(f"{n}（{c}）" for n, c in communities)
    raise InputError(
        Problem(
            "estate",
            f"有{len(found)}个小区名为“{name}”，分属{listed}：请用 --community 指明社区",
        )
    )
