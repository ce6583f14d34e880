"""Chinese names of fields, so the CLI, imports and reports can say which field is wrong."""

from __future__ import annotations

FIELD_LABELS: dict[str, str] = {
    "code": "区划代码",
    "name": "名称",
    "level": "层级",
    "parent_code": "上级区划代码",
    "credit_code": "统一社会信用代码",
    "community_code": "所属社区",
    "address": "地址",
    "management_type": "管理类型",
    "built_year": "建成年份",
    "floor_area_dm2": "建筑面积",
    "households": "户数",
    "building_count": "楼栋数",
    "elevators": "电梯数",
    "parking_spaces": "车位数",
    "ev_chargers": "充电桩数",
    "service_grade": "服务等级",
    "fee_fen_per_m2_month": "物业费标准",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "party_org": "党组织",
    "credit_score": "信用分",
    "credit_grade": "信用等级",
    "market_status": "市场状态",
    "estate_uuid": "小区",
    "company_uuid": "物业企业",
    "kind": "类型",
    "term_number": "届次",
    "elected_on": "选举日期",
    "term_start": "任期开始",
    "term_end": "任期结束",
    "filed_on": "备案日期",
    "status": "状态",
    "members": "成员",
    "phone": "电话",
    "id_number": "身份证号",
    "role": "职务",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "selection_method": "选聘方式",
    # what a command or a form names by text
    "estate": "小区",
    "building": "楼栋",
    "community": "社区",
    "company": "物业服务企业",
    "size": "纸张",
}


TABLE_LABELS: dict[str, str] = {
    "org": "单位",
    "estate": "小区",
    "building": "楼栋",
    "property_company": "物业企业",
    "company_staff": "从业人员",
    "service_contract": "物业服务合同",
    "committee": "委员会",
    "committee_member": "委员会成员",
    "duty_record": "履职记录",
    "negative_record": "负面清单记录",
    "disclosure_board": "公示栏",
    "board_print": "公示栏打印记录",
}


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)
