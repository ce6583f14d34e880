"""`wuye crosspost add|list`, `wuye demonstration add|review|list` and `wuye credit expel`:
红色物业 (task 10) and 清出市场 (task 13) from the command line, through the same services as
the window and the Excel import.

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

from datetime import datetime

import click

from app.cli_support import DATE, day_of, echo_json, opened, today_or


@click.group("crosspost")
def crosspost_group() -> None:
    """交叉任职：社区“两委”成员在业主委员会或物业企业管理层任职，以及反向进入社区“两委”。

    示例：wuye crosspost list --json
    """


@crosspost_group.command("add")
@click.argument("estate")
@click.argument("person")
@click.option(
    "--community",
    default=None,
    help="小区所在社区（名称或代码），小区重名时必填。示例：--community 桓谭社区",
)
@click.option(
    "--community-role", required=True, help="社区两委职务。示例：--community-role 社区党委委员"
)
@click.option(
    "--side", required=True, help="任职单位：业主委员会 或 物业企业。示例：--side 业主委员会"
)
@click.option(
    "--post-role", required=True, help="在业主委员会或物业企业的职务。示例：--post-role 副主任"
)
@click.option(
    "--company",
    default=None,
    help="在物业企业任职时，企业名称或统一社会信用代码。示例：--company 恒信物业",
)
@click.option(
    "--direction",
    default="两委成员进入",
    help="方向：两委成员进入（默认）或 进入社区两委。示例：--direction 进入社区两委",
)
@click.option("--since", type=DATE, required=True, help="任职起始日期。示例：--since 2026-01-01")
@click.option(
    "--until",
    type=DATE,
    default=None,
    help="任职截止日期（含当日，默认仍在任）。示例：--until 2028-12-31",
)
@click.option(
    "--phone", default="", help="联系电话（个人信息，列表中遮盖）。示例：--phone 13812345678"
)
@click.option(
    "--id-number", default="", help="身份证号（个人信息）。示例：--id-number 340603199001011234"
)
@click.pass_context
def crosspost_add(
    ctx: click.Context, estate: str, person: str, community: str | None, community_role: str,
    side: str, post_role: str, company: str | None, direction: str, since: datetime,
    until: datetime | None, phone: str, id_number: str,
) -> None:  # fmt: skip
    """记一条交叉任职。ESTATE：小区名称；PERSON：姓名。同一小区、同一人、同一任职单位和起始日期的
    记录再录入时更新，不重复。

    示例：wuye crosspost add 翡翠花园 王伟 --community-role 党委委员 --side 业主委员会
    --post-role 副主任 --since 2026-01-01
    """
    from app.services.credit import find_company
    from app.services.estate_names import find_estate
    from app.services.red import CrossPostIn, save_cross_post

    today = today_or(None)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        row = find_estate(s, estate, community)
        company_uuid = find_company(s, company).uuid if company else None
        data = CrossPostIn(row.uuid, person, community_role, side, post_role, since.date(),
                           direction, company_uuid, day_of(until), phone, id_number)  # fmt: skip
        _uuid, outcome = save_cross_post(s, data, today=today)
    word = {"created": "已记入", "updated": "已更新", "unchanged": "没有变化"}[outcome]
    click.echo(
        f"{word}：{row.name} {person.strip()}（{community_role.strip()}，{post_role.strip()}）"
    )


@crosspost_group.command("list")
@click.option(
    "--today",
    type=DATE,
    default=None,
    help="判断是否在任的日期（默认今天）。示例：--today 2026-11-25",
)
@click.option("--serving", is_flag=True, help="只列出当日在任的。示例：--serving")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。示例：--json")
@click.pass_context
def crosspost_list(
    ctx: click.Context, today: datetime | None, serving: bool, as_json: bool
) -> None:
    """列出本辖区的交叉任职（电话已遮盖），按小区和姓名排列。

    示例：wuye crosspost list --serving
    """
    from app.services.red import cross_post_lines

    with opened(ctx, readonly=True) as db, db.reader() as s:
        lines = cross_post_lines(s, today_or(today), serving_only=serving)
    if as_json:
        echo_json([line.as_dict() for line in lines])
        return
    for line in lines:
        until = line.until.isoformat() if line.until else "至今"
        where = line.company or line.side
        state = "" if line.serving else "（不在任）"
        click.echo(f"{line.estate}  {line.person}  {line.community_role} / {where}{line.post_role}"
                   f"  {line.direction}  {line.since.isoformat()}—{until}{state}")  # fmt: skip
    click.echo(f"共 {len(lines)} 条交叉任职")


@click.group("demonstration")
def demonstration_group() -> None:
    """红色物业示范项目：命名、定期复核（动态管理），复核不合格即撤销；有效期间计入企业信用加分。

    示例：wuye demonstration list
    """


@demonstration_group.command("add")
@click.argument("estate")
@click.argument("company")
@click.option(
    "--community",
    default=None,
    help="小区所在社区（名称或代码），小区重名时必填。示例：--community 桓谭社区",
)
@click.option("--level", required=True, help="命名级别：市级、区级 或 街道级。示例：--level 区级")
@click.option("--named-on", type=DATE, required=True, help="命名日期。示例：--named-on 2026-03-01")
@click.option("--named-by", default="", help="命名单位或文号。示例：--named-by 相山区委组织部")
@click.pass_context
def demonstration_add(
    ctx: click.Context, estate: str, company: str, community: str | None, level: str,
    named_on: datetime, named_by: str,
) -> None:  # fmt: skip
    """记一个红色物业示范项目。ESTATE：小区名称；COMPANY：物业企业名称或统一社会信用代码。

    示例：wuye demonstration add 翡翠花园 恒信物业 --level 区级 --named-on 2026-03-01
    """
    from app.services.credit import find_company
    from app.services.estate_names import find_estate
    from app.services.red import DemonstrationIn, save_demonstration

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        row = find_estate(s, estate, community)
        firm = find_company(s, company)
        uuid = save_demonstration(
            s, DemonstrationIn(row.uuid, firm.uuid, level, named_on.date(), named_by),
            today=today_or(None),
        )  # fmt: skip
    click.echo(f"已记入：{row.name}（{firm.name}），编号 {uuid}")


@demonstration_group.command("review")
@click.argument("project")
@click.option("--on", "on", type=DATE, required=True, help="复核日期。示例：--on 2026-11-01")
@click.option(
    "--result",
    required=True,
    help="复核结果：合格、限期整改 或 不合格（不合格即撤销）。示例：--result 合格",
)
@click.option("--note", default="", help="复核意见。示例：--note 党建活动正常开展")
@click.pass_context
def demonstration_review(
    ctx: click.Context, project: str, on: datetime, result: str, note: str
) -> None:
    """记一次复核。PROJECT：示范项目编号（wuye demonstration list --json 的 id）。

    示例：wuye demonstration review 5f0c… --on 2026-11-01 --result 合格
    """
    from app.services.red import add_review

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        add_review(s, project, on.date(), result, note, today=today_or(None))
    click.echo(f"已记入复核：{on.date().isoformat()} {result}")


@demonstration_group.command("list")
@click.option(
    "--today",
    type=DATE,
    default=None,
    help="判断是否有效的日期（默认今天）。示例：--today 2026-11-25",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。示例：--json")
@click.pass_context
def demonstration_list(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """列出本辖区的红色物业示范项目：级别、命名日期、历次复核、是否有效和下次复核日期。

    示例：wuye demonstration list --json
    """
    from app.services.red import demonstration_lines

    with opened(ctx, readonly=True) as db, db.reader() as s:
        lines = demonstration_lines(s, today_or(today))
    if as_json:
        echo_json([line.as_dict() for line in lines])
        return
    for line in lines:
        reviews = "，".join(f"{d.isoformat()}{r}" for d, r in line.reviews) or "未复核"
        due = line.state.review_due.isoformat()
        click.echo(f"{line.level}  {line.estate}  {line.company}  命名{line.named_on.isoformat()}"
                   f"  复核：{reviews}  {line.status}  下次复核{due}")  # fmt: skip
    click.echo(f"共 {len(lines)} 个示范项目，有效 {sum(line.state.valid for line in lines)} 个")


@click.command("expel")
@click.argument("company")
@click.option("--grounds", required=True,
              help="所依据的扣分信用记录编号（wuye credit show --json 的 ref），多个用逗号分隔。"
                   "示例：--grounds 1b2c…,7d8e…")  # fmt: skip
@click.option("--reason", required=True, help="事实与理由。示例：--reason 拒不整改，侵害业主权益")
@click.option(
    "--on", "on", type=DATE, required=True, help="决定日期，自当日起生效。示例：--on 2026-11-20"
)
@click.option("--doc", required=True, help="决定文号。示例：--doc 淮住建〔2026〕9号")
@click.option("--body", required=True, help="决定机关。示例：--body 淮北市住房和城乡建设局")
@click.pass_context
def credit_expel(
    ctx: click.Context, company: str, grounds: str, reason: str, on: datetime, doc: str,
    body: str,
) -> None:  # fmt: skip
    """记录清出市场决定：企业自决定日起列入黑名单（失信），不能再签订新的服务合同，信用报告上
    载明决定。COMPANY：企业名称或统一社会信用代码。

    示例：wuye credit expel 恒信物业 --grounds 1b2c… --reason 拒不整改 --on 2026-11-20
    --doc 淮住建〔2026〕9号 --body 淮北市住房和城乡建设局
    """
    from app.services.market import MarketDecisionIn, expel_company

    refs = [r for r in grounds.replace("，", ",").split(",") if r.strip()]
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        expel_company(s, MarketDecisionIn(company, on.date(), body, doc, reason, refs),
                      today=today_or(None))  # fmt: skip
    click.echo(f"已记录：{company} 自 {on.date().isoformat()} 起清出市场（{doc}）")


def register(cli: click.Group, credit: click.Group) -> None:
    cli.add_command(crosspost_group)
    cli.add_command(demonstration_group)
    credit.add_command(credit_expel)
