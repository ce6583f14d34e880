"""PDF test helpers: sample field values, text lines with positions (pypdf), rendered pages."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.pdf.fonts import FontSet, find_fonts

MM = 72 / 25.4
PPM_HEADER = re.compile(rb"P6\s+(\d+)\s+(\d+)\s+255\s")
DAY = date(2026, 11, 25)

SAMPLES: dict[str, dict[str, str]] = {
    "业主大会会议通知": {
        "estate": "相山花园",
        "committee": "相山花园业主委员会",
        "meeting_date": "2026年12月12日",
        "meeting_time": "上午9:00",
        "venue": "相山花园小区活动中心（3号楼南侧）",
        "agenda": "1.审议《相山花园管理规约（修订稿）》；\n2.表决续聘淮北市安居物业服务有限公司；"
        "\n3.表决使用专项维修资金更换2号楼、5号楼电梯。",
        "vote_method": "书面征求意见和现场投票相结合的",
        "vote_deadline_date": "2026-12-12",
        "contact": "李明，0561-3012345",
    },
    "业主委员会换届选举公告": {
        "estate": "南湖小区",
        "term": "三",
        "organizer": "南湖小区业主委员会换届选举工作小组",
        "term_end_date": "2027-01-20",
        "seats": "七",
        "signup_start_date": "2026-12-01",
        "signup_end_date": "2026-12-10",
        "signup_place": "南湖社区居民委员会一楼服务大厅",
        "election_date": "2027-01-08",
        "contact": "王芳，0561-3023456",
    },
    "物业服务信息公示": {
        "estate": "相山花园",
        "company": "淮北市安居物业服务有限公司",
        "manager": "陈建国",
        "manager_phone": "0561-3034567",
        "service_phone": "0561-3034568",
        "complaint_phone": "0561-3034569",
        "service_grade": "二级",
        "service_content": "共用部位和共用设施设备的日常维修养护，公共区域清洁卫生、绿化养护，"
        "秩序维护和车辆停放管理，消防设施日常巡查。",
        "fee_standard": "多层住宅0.65元/平方米·月，高层住宅1.20元/平方米·月（含电梯运行费）",
        "parking_fee": "地面停车位100元/月",
        "supervisor": "相山区住房和城乡建设局（电话0561-3101234）",
    },
    "整改情况公示": {
        "estate": "相山花园",
        "issuer": "桓谭社区居民委员会",
        "source": "12345热线投诉",
        "problem": "5号楼单元门禁损坏，夜间无法关闭，存在安全隐患。",
        "responsible_unit": "淮北市安居物业服务有限公司",
        "measures": "更换5号楼全部单元门禁控制器和电磁锁，增加夜间巡逻频次。",
        "deadline_date": "2026-12-05",
        "result": "已完成更换，经社区、业主委员会和业主代表现场查验，门禁运行正常。",
        "period_end_date": "2026-12-15",
        "phone": "0561-3045678",
    },
    "停水停电通知": {
        "estate": "相山花园",
        "issuer": "淮北市安居物业服务有限公司",
        "start_time": "2026年12月3日8:00",
        "end_time": "当日17:00",
        "reason": "供电公司检修10千伏线路及二次供水泵房设备更换",
        "area": "1号楼至8号楼全部住户及地下车库",
        "phone": "0561-3034568",
    },
    "停水通知": {
        "estate": "相山花园",
        "issuer": "淮北市安居物业服务有限公司",
        "start_time": "2026年12月3日8:00",
        "end_time": "当日17:00",
        "reason": "二次供水泵房设备更换",
        "area": "1号楼至8号楼全部住户及地下车库",
        "phone": "0561-3034568",
    },
    "停电通知": {
        "estate": "相山花园",
        "issuer": "淮北市安居物业服务有限公司",
        "start_time": "2026年12月3日8:00",
        "end_time": "当日17:00",
        "reason": "供电公司检修10千伏线路",
        "area": "1号楼至8号楼全部住户及地下车库",
        "phone": "0561-3034568",
    },
    "约谈通知": {
        "subject": "恒信物业服务有限公司",
        "reason": "相山花园楼道杂物清理督办事项逾期未办结",
        "form": "当面约谈",
        "meet_time": "2026年12月10日9时30分",
        "place": "相山区物业管理办公室三楼会议室",
        "hosts": "区物业办主任",
        "attendees": "公司分管负责人、项目经理",
        "organizer": "相山区物业管理办公室",
    },
    "通报": {
        "title": "关于恒信物业服务有限公司整改不力的通报",
        "addressee": "各街道、各物业服务企业",
        "parties": "恒信物业服务有限公司",
        "facts": "该公司在相山花园的楼道杂物清理督办事项逾期未办结，经约谈后仍未整改。",
        "requirements": "被通报单位要立即整改，并于12月20日前书面报送整改情况。",
        "organizer": "相山区物业管理办公室",
    },
    "督查记录": {
        "number": "督查2026-0007",
        "visit_date": "2026年11月20日",
        "kind": "四不两直",
        "inspectors": "区物业办张某、李某",
        "estates": "相山花园、松林小区",
        "summary": "抽查两个小区的公共区域管理、消防通道和公示栏，总体有序。",
        "findings": "1.相山花园3号楼消防通道堆放杂物，责任单位恒信物业，整改时限11月27日。",
        "organizer": "相山区物业管理办公室",
    },
    "联席会议纪要": {
        "meeting_name": "相山花园小区五方联席会议",
        "meeting_date": "2026年11月20日",
        "venue": "桓谭社区党群服务中心二楼会议室",
        "host": "桓谭社区党委",
        "attendees": "桓谭社区居民委员会、相山花园业主委员会、淮北市安居物业服务有限公司、"
        "相山派出所曲阳警务室、曲阳街道城管中队",
        "topics": "1.小区电动自行车充电设施建设；\n2.地下车库渗水维修；\n3.公共收益使用方案。",
        "resolutions": "1.物业服务企业于12月15日前在3号楼、6号楼东侧建成集中充电棚，"
        "社区负责协调供电公司增容；\n2.业主委员会于12月10日前就地下车库渗水维修申请使用"
        "专项维修资金，物业服务企业配合出具维修方案和预算；\n3.公共收益使用方案由业主委员会"
        "拟订，提交下次业主大会会议表决。",
        "organizer": "桓谭社区居民委员会",
    },
    "自由通知": {
        "title": "关于开展冬季消防安全检查的通知",
        "addressee": "各小区物业服务企业、业主委员会",
        "body": "为做好冬季消防安全工作，街道将于12月组织开展消防安全专项检查，重点检查消防通道"
        "占用、电动自行车违规停放充电、消防设施完好情况。\n请各单位于12月5日前完成自查，"
        "并将自查情况报送街道物业管理办公室。",
        "signer": "曲阳街道办事处",
    },
}


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return find_fonts()


@pytest.fixture
def samples() -> dict[str, dict[str, str]]:
    return {name: dict(values) for name, values in SAMPLES.items()}


@dataclass(frozen=True)
class Line:
    """One printed line: where it starts (mm from the paper's bottom-left), size, text."""

    x: float
    y: float
    size: float
    text: str


def pdf_lines(path: Path) -> list[list[Line]]:
    """Each page's lines, top to bottom, from pypdf's text visitor.

    pypdf reports a line in pieces when it switches fonts (ReportLab splits a subset after
    256 glyphs); the pieces share the line's origin, so pieces on one baseline are joined.
    """
    return [_page_lines(page) for page in PdfReader(path).pages]


def _page_lines(page) -> list[Line]:  # type: ignore[no-untyped-def]
    pieces: dict[tuple[float, float], list[str]] = {}
    starts: dict[tuple[float, float], float] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        key = (round(y / MM, 1), size * tm[3] * cm[3])
        pieces.setdefault(key, []).append(text)
        starts[key] = min(starts.get(key, x), x)

    page.extract_text(visitor_text=visit)
    lines = [
        Line(starts[key] / MM, key[0], key[1], "".join("".join(parts).split()))
        for key, parts in pieces.items()
    ]
    return sorted(lines, key=lambda line: -line.y)


@pytest.fixture
def lines_of() -> Callable[[Path], list[list[Line]]]:
    return pdf_lines


@dataclass(frozen=True)
class Picture:
    """A rendered page: RGB bytes, `dpi` dots per inch."""

    width: int
    height: int
    dpi: int
    rgb: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        at = 3 * (y * self.width + x)
        return self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]

    def ink(self, pred: Callable[[tuple[int, int, int]], bool]) -> list[tuple[float, float]]:
        """(x, y) in mm from the top-left of every pixel `pred` accepts."""
        per_mm = self.dpi / 25.4
        return [
            (x / per_mm, y / per_mm)
            for y in range(self.height)
            for x in range(self.width)
            if pred(self.pixel(x, y))
        ]


def render(path: Path, dpi: int = 36) -> list[Picture]:
    """Every page through poppler's pdftoppm, as PPM, parsed here (no imaging library)."""
    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), str(path)], capture_output=True, check=True
    ).stdout
    pictures = []
    at = 0
    while at < len(out):
        header = PPM_HEADER.match(out, at)
        assert header is not None, "pdftoppm did not write PPM"
        w, h = int(header[1]), int(header[2])
        at = header.end() + 3 * w * h
        pictures.append(Picture(w, h, dpi, out[header.end() : at]))
    return pictures


@pytest.fixture
def rendered() -> Callable[..., list[Picture]]:
    return render
