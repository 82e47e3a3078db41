"""Demo annual reports: last year's report of every demo agency (each organisation reports for
itself, 条例 第四十九条), counted from the request cases it answers and its disclosures, with
plausible staff figures; most are published to their host site's 公开年报 column, the reports of
two sites stay drafts so the admin shows both states. Idempotent: existing reports keep their
state, drafts are recounted."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from cms.disclosure.models import Organisation
from cms.reports.generation import ReportError, generate, publish
from cms.reports.layout import PROCEEDINGS
from cms.reports.models import AnnualReport, ReportStatus

DRAFT_HOSTS = frozenset({"bailu.localhost", "wjw.localhost"})
SEED = 20260131


def _figures(rng: random.Random) -> dict:
    figures = {
        "licensing_decisions": rng.randint(200, 4000),
        "penalty_decisions": rng.randint(20, 600),
        "enforcement_decisions": rng.randint(0, 40),
        "fees_amount": Decimal(rng.randint(0, 30000)) / 100,
    }
    for proceeding, _ in PROCEEDINGS:
        parts = [rng.randint(0, 3), rng.randint(0, 1), rng.randint(0, 1), rng.randint(0, 1)]
        for name, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            figures[f"{proceeding}_{name}"] = value
        figures[f"{proceeding}_total"] = sum(parts)
    return figures


def _texts(report: AnnualReport) -> dict[str, str]:
    name, year = report.organisation.name, report.year
    cells = report.table_three_data.get("cells", {})
    received = cells.get("new", {}).get("total", 0)
    return {
        "overview": (
            f"{year}年，{name}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            f"围绕中心工作加大主动公开力度，规范依申请公开办理。全年新收政府信息公开申请{received}件，"
            "均依法作出答复。\n"
            "（一）主动公开。及时发布规范性文件、财政预决算、重大建设项目等信息，同步做好政策解读。\n"
            "（二）依申请公开。畅通网上、信函、当面等申请渠道，严格执行登记、审核、办理、答复、归档各环节。\n"
            "（三）政府信息管理。落实公开前保密审查，动态更新行政规范性文件有效性。\n"
            "（四）平台建设。依托全市政府网站集约化平台统一发布，提升检索和下载服务。\n"
            "（五）监督保障。将政务公开纳入绩效考核，开展业务培训。"
        ),
        "problems": (
            "存在的主要问题：一是政策解读形式还不够丰富；二是部分栏目信息更新不够及时。\n"
            "改进情况：下一步将加强图解、视频等多样化解读，建立栏目更新提醒机制，定期开展自查。"
        ),
        "other_matters": (
            f"{year}年度，本机关依据《政府信息公开信息处理费管理办法》未收取信息处理费。"
            "无其他需要报告的事项。"
        ),
    }


def build_demo(*, today: dt.date, stdout) -> dict[str, int]:
    year = today.year - 1
    rng = random.Random(SEED)
    organisations = Organisation.objects.select_related("site__site").order_by(
        "site__sort_order", "site__pk", "sort_order", "pk"
    )
    for organisation in organisations:
        profile = organisation.site
        figures = _figures(rng)  # drawn for every agency so each one's figures stay stable
        try:
            with transaction.atomic():
                report = generate(organisation, year, today=today)
                if report.is_published:
                    continue
                for name, value in {**figures, **_texts(report)}.items():
                    setattr(report, name, value)
                report.save()
                if profile.site.hostname not in DRAFT_HOSTS:
                    publish(report)
        except ReportError as error:
            stdout.write(f"  年度报告 {organisation.name} {year}：{'；'.join(error.messages)}\n")
    reports = AnnualReport.objects.filter(year=year)
    return {
        "annual_reports": reports.count(),
        "annual_reports_published": reports.filter(status=ReportStatus.PUBLISHED).count(),
    }
