"""What the voting notice, the ballot forms and the result notice say (issue 15), as plain
values for reports/pdf/vote.py: the wording and the figures are decided here, the layout
there. Personal data is masked (DOMAIN.md §5): names as 张*三, never an ID number or a
phone, and never any owner's vote, only aggregates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import VoteStatus
from app.errors import InputError, Problem
from app.models import HousingUnit, VoteMatter
from app.rules.masking import mask_name
from app.rules.official import chinese_date
from app.rules.units import hundredths_text
from app.rules.voting import QUORUM_LABEL, RULE_LABELS, Count, Rule, category, missing_text
from app.rules.voting_tally import rules_notes
from app.services.voting import NOTICE_DAYS, get_matter, scope_units, tally


@dataclass(frozen=True)
class VoteText:
    """A notice as title and paragraphs (headings 一、 as the notice engine lays them out)."""

    title: str
    addressee: str
    paragraphs: tuple[str, ...]
    signature: str


@dataclass(frozen=True)
class BallotSheet:
    """One unit's ballot form."""

    matter_title: str
    estate: str
    number: str
    unit: str
    area: str
    owners: str  # masked
    items: tuple[str, ...]
    qr: str  # matter and unit, read back when the ballot is entered
    closes: str


def _scope_text(session: Session, matter: VoteMatter) -> str:
    units = scope_units(session, matter)
    buildings = sorted({u.building for u in units})
    if not json.loads(matter.scope_buildings or "[]"):
        return f"{matter.estate.name}全体业主"
    return f"{matter.estate.name}{'、'.join(buildings)}业主"


def _base_text(matter: VoteMatter, base: Count) -> str:
    parking = "车位计入专有部分" if matter.count_parking else "车位不计入专有部分"
    return (f"本次表决的基数为：专有部分面积合计 {hundredths_text(base.area)} 平方米，"
            f"业主人数合计 {base.persons} 人（{parking}；同一买受人拥有多个专有部分的、"
            "共有一个专有部分的，均按一人计算；建设单位未出售和虽已出售但尚未交付的部分合计按一人"
            "计算）。")  # fmt: skip


def _item_line(number: int, title: str, cat: int, rule: Rule) -> str:
    kind = f"民法典第二百七十八条第{cat}项：{category(cat).text}；" if cat else ""
    return f"议题{number}：{title}（{kind}{RULE_LABELS[rule]}）"


def notice_text(session: Session, matter_uuid: str, *, today: date) -> VoteText:
    """The voting notice: items, period, the base (frozen at 已公告) and the thresholds."""
    matter = get_matter(session, matter_uuid)
    if matter.opens_on is None or matter.closes_on is None:
        raise InputError(Problem("opens_on", "打印表决公告前须填写表决开始和截止日期"))
    base = (
        Count(matter.base_persons, matter.base_area_dm2 or 0)
        if matter.base_persons is not None
        else tally(session, matter.uuid).base
    )
    frozen = "" if matter.base_persons is not None else "（公告发布时冻结，以公告为准）"
    items = [_item_line(i.number, i.title, i.category, Rule(i.rule)) for i in matter.items]
    rule = RULE_LABELS[Rule.CONSENT] if matter.kind == "art279" else QUORUM_LABEL
    paragraphs = (
        f"根据《中华人民共和国民法典》第二百七十八条、《物业管理条例》第十四条的规定，现就“{matter.title}”"
        f"征求业主意见，表决事项公告如下：",
        "一、表决议题",
        *items,
        "二、表决时间",
        f"自{chinese_date(matter.opens_on)}起至{chinese_date(matter.closes_on)}止。"
        f"本公告于表决开始{NOTICE_DAYS}日以前发布。",
        "三、表决基数",
        _base_text(matter, base) + frozen,
        "四、表决规则",
        f"{rule}。弃权票、无效票计入参与表决，不计入同意；未在截止日期前提交表决票的，视为未参与表决。",
        "五、投票方式",
        "业主凭表决票（每户一张，载有房屋和面积）填写意见并签名后投入票箱，或通过线上平台投票；"
        "同一房屋只计一票。委托他人投票的，受托人须出示业主签署的授权委托书。",
    )  # fmt: skip
    return VoteText(
        f"关于“{matter.title}”业主共同决定事项的表决公告",
        f"{_scope_text(session, matter)}：",
        paragraphs,
        f"{matter.estate.name}业主大会（筹备组）",
    )


def ballot_sheets(session: Session, matter_uuid: str, building: str | None) -> list[BallotSheet]:
    """One form per unit of the scope (or of one building), numbered in room order."""
    matter = get_matter(session, matter_uuid)
    units = sorted(scope_units(session, matter), key=lambda u: (u.building, u.room))
    if building:
        units = [u for u in units if u.building == building.strip()]
        if not units:
            raise InputError(Problem("building", f"表决范围内没有楼栋“{building}”"))
    owners: dict[str, list[str]] = {}
    for unit in session.scalars(
        select(HousingUnit).where(HousingUnit.uuid.in_([u.uuid for u in units]))
    ):
        owners[unit.uuid] = [mask_name(o.owner_name) for o in unit.owners]
    items = tuple(f"议题{i.number}：{i.title}" for i in matter.items)
    closes = chinese_date(matter.closes_on) if matter.closes_on else "（见表决公告）"
    return [
        BallotSheet(
            matter.title, matter.estate.name, f"{n:04d}", u.label, hundredths_text(u.area_dm2),
            "建设单位（未售）" if u.developer_unsold else "、".join(owners.get(u.uuid, [])),
            items, f"wuye-vote:{matter.uuid}:{u.uuid}", closes,
        )
        for n, u in enumerate(units, start=1)
    ]  # fmt: skip


def result_text(session: Session, matter_uuid: str, *, today: date) -> VoteText:
    """The (preliminary or final) result notice: per item both dimensions, the base, the
    rule and the outcome; only aggregates, never an owner's vote."""
    matter = get_matter(session, matter_uuid)
    counted = tally(session, matter.uuid)
    final = matter.status in (VoteStatus.FINAL, VoteStatus.ARCHIVED)
    lines: list[str] = [
        f"“{matter.title}”表决已于{chinese_date(matter.closes_on or today)}截止，"
        f"经计票，现将{'表决结果' if final else '初步结果'}公告如下：",
        "一、表决基数",
        _base_text(matter, counted.base),
        "二、表决结果",
    ]
    for number, (t, title) in enumerate(zip(counted.items, counted.titles, strict=True), 1):
        outcome = "通过" if t.passed else "未通过"
        lines.append(f"议题{number}：{title}。适用规则：{RULE_LABELS[t.rule]}。")
        lines.append(
            f"参与表决 {t.participating.text()}；同意 {t.yes.text()}；反对 {t.no.text()}；"
            f"弃权 {t.abstain.text()}；无效 {t.void.text()}。"
        )
        quorum = "达到" if t.quorum else f"未达到（{missing_text(t.quorum_missing)}）"
        lines.append(f"参与表决人数和面积{quorum}三分之二；表决结果：{outcome}。")
    lines.append("三、计票规则")
    lines += rules_notes(count_parking=counted.count_parking)
    lines.append("四、其他事项")
    if final:
        end = matter.revocation_window_end
        lines.append(
            "业主大会或者业主委员会作出的决定侵害业主合法权益的，受侵害的业主可以自知道或者应当知道"
            "之日起一年内请求人民法院予以撤销（民法典第二百八十条）"
            + (f"，期限至{chinese_date(end)}。" if end else "。")
        )  # fmt: skip
    else:
        lines.append(
            f"业主对初步结果有异议的，请于公示之日起{matter.objection_days}日内向业主大会（筹备组）书面提出。"
        )
    return VoteText(
        f"关于“{matter.title}”{'表决结果' if final else '初步表决结果'}的公告",
        f"{_scope_text(session, matter)}：",
        tuple(lines),
        f"{matter.estate.name}业主大会（筹备组）",
    )
