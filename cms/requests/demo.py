"""Demo 依申请公开 cases for the demo cluster: on every site, cases in every state (submitted,
in progress, due soon, overdue, awaiting correction, consulting, extended, awaiting payment,
answered with each family of reply types, answered late, lapsed, withdrawn), some carried over
from last year. A site's cases are spread over the agencies it hosts (on the city portal:
长河市人民政府, 长河市发展和改革委员会, 长河市财政局), so each agency has cases for its own annual
report. Idempotent: each case has a fixed tracking code and is skipped when it already exists."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from cms.requests.agencies import agencies_for_site
from cms.requests.documents import store_document
from cms.requests.fees import FeeMethod
from cms.requests.models import (
    Channel,
    DeliveryMethod,
    IdDocumentType,
    InformationFormat,
    RequestCase,
)
from cms.requests.table_three import ApplicantType, ReplyType
from cms.requests.workflow import (
    PAYMENT_WORKDAYS,
    REPLY_WORKDAYS,
    Action,
    correction_period_workdays,
    perform,
)
from cms.workdays.calendar import add_workdays
from sites.models import SiteProfile

DEMO_OFFICER = "gi_demo_officer"
DAY = datetime.timedelta(days=1)
# A valid 居民身份证 number and 统一社会信用代码 (check characters verified) for demo applicants.
DEMO_RESIDENT_ID = "11010519491231002X"
DEMO_CREDIT_CODE = "91350100M000100Y43"
APPLICANTS = [
    (ApplicantType.NATURAL_PERSON, "张明"),
    (ApplicantType.COMMERCIAL, "长河市宏达建材有限公司"),
    (ApplicantType.NATURAL_PERSON, "李秀英"),
    (ApplicantType.RESEARCH, "长河大学城乡规划研究院"),
    (ApplicantType.PUBLIC_WELFARE, "长河市绿源环保公益协会"),
    (ApplicantType.LEGAL_SERVICE, "长河正信律师事务所"),
    (ApplicantType.OTHER_ORGANISATION, "清河村股份经济合作社"),
]
DESCRIPTIONS = [
    "请公开本机关2024年度部门预算中“三公”经费的明细。",
    "请提供长河市城南片区棚户区改造项目的征收补偿方案及批复文件。",
    "申请获取《关于进一步规范中小学课后服务收费的通知》全文及文号。",
    "请公开本县2023年度重点建设项目的环境影响评价批复文件。",
    "请提供本机关2024年行政处罚决定书目录（涉及食品安全部分）。",
]
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _officer():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_OFFICER, defaults={"first_name": "演示经办人", "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _received_for_due(target: datetime.date) -> datetime.date:
    """The latest receipt date whose 20-WD reply deadline falls on or before `target`."""
    day = target
    while add_workdays(day, REPLY_WORKDAYS) > target:
        day -= DAY
    return day


def _doc(site: SiteProfile, case: RequestCase, user, kind: str, name: str) -> tuple[str, object]:
    upload = ContentFile(PDF_BYTES, name=f"{case.tracking_code}-{name}.pdf")
    return (kind, store_document(site, upload, f"{case.tracking_code} {name}", user))


# The notice each step must carry (答复书; 条例 第三十三条 延期告知).
STEP_DOCUMENTS = {
    Action.ANSWER: ("reply", "答复书"),
    Action.EXTEND: ("extension_notice", "延期答复告知书"),
}


def _scenarios(today: datetime.date) -> list[tuple[str, Callable]]:
    """(key, steps(case, site, user)) pairs; each steps function drives one case through perform."""
    t = today

    def run(*steps):
        def drive(case, site, user):
            for action, on, params in steps:
                if action in STEP_DOCUMENTS:
                    kind, name = STEP_DOCUMENTS[action]
                    params = {**params, "documents": [_doc(site, case, user, kind, name)]}
                perform(
                    case,
                    action,
                    user=None if action == Action.SUBMIT else user,
                    on=on,
                    today=t,
                    **params,
                )

        return drive

    def answered(reply_type, received):
        return run(
            (Action.REGISTER, received, {}),
            (Action.ANSWER, min(received + 10 * DAY, t), {"reply_type": reply_type}),
        )

    last_year = datetime.date(t.year - 1, 12, 1)
    # The day after each waiting period ran out, whatever holidays fell inside it.
    correction_lapse = add_workdays(t - 60 * DAY, correction_period_workdays()) + DAY
    payment_lapse = add_workdays(t - 75 * DAY, PAYMENT_WORKDAYS) + DAY
    return [
        ("submitted", run((Action.SUBMIT, t, {}))),
        ("registered", run((Action.REGISTER, t - 3 * DAY, {}))),
        ("due_soon", run((Action.REGISTER, _received_for_due(add_workdays(t, 2)), {}))),
        ("overdue", run((Action.REGISTER, _received_for_due(t - 2 * DAY), {}))),
        (
            "correction",
            run(
                (Action.REGISTER, t - 5 * DAY, {}),
                (
                    Action.REQUEST_CORRECTION,
                    t - 3 * DAY,
                    {"note": "请补充所需信息的文号或形成时间。"},
                ),
            ),
        ),
        (
            "corrected",
            run(
                (Action.REGISTER, t - 20 * DAY, {}),
                (Action.REQUEST_CORRECTION, t - 18 * DAY, {"note": "请明确所需信息的范围。"}),
                (Action.RECEIVE_CORRECTION, t - 10 * DAY, {}),
            ),
        ),
        (
            "correction_lapsed",
            run(
                (Action.REGISTER, t - 62 * DAY, {}),
                (Action.REQUEST_CORRECTION, t - 60 * DAY, {"note": "请说明所需信息的具体名称。"}),
                (Action.CORRECTION_LAPSED, correction_lapse, {}),
            ),
        ),
        (
            "consulting",
            run(
                (Action.REGISTER, t - 10 * DAY, {}),
                (
                    Action.START_CONSULTATION,
                    t - 4 * DAY,
                    {"consulted": "长河市宏达建材有限公司（第三方）"},
                ),
            ),
        ),
        (
            "extended",
            run(
                (Action.REGISTER, t - 30 * DAY, {}),
                (Action.START_CONSULTATION, t - 25 * DAY, {"consulted": "长河市自然资源局"}),
                (Action.END_CONSULTATION, t - 15 * DAY, {}),
                (
                    Action.EXTEND,
                    t - 10 * DAY,
                    {"days": 15, "approver": "王建国", "reason": "涉及多个部门，需进一步核实。"},
                ),
            ),
        ),
        (
            "awaiting_payment",
            run(
                (Action.REGISTER, t - 15 * DAY, {}),
                (Action.REQUEST_FEE, t - 5 * DAY, {"fee_method": FeeMethod.PER_PAGE, "pages": 120}),
            ),
        ),
        (
            "payment_lapsed",
            run(
                (Action.REGISTER, t - 80 * DAY, {}),
                (
                    Action.REQUEST_FEE,
                    t - 75 * DAY,
                    {"fee_method": FeeMethod.PER_PAGE, "pages": 260},
                ),
                (Action.PAYMENT_LAPSED, payment_lapse, {}),
            ),
        ),
        (
            "withdrawn",
            run(
                (Action.REGISTER, t - 12 * DAY, {}),
                (Action.WITHDRAW, t - 8 * DAY, {"note": "申请人来电撤回。"}),
            ),
        ),
        ("disclosed", answered(ReplyType.DISCLOSED, t - 40 * DAY)),
        ("partly", answered(ReplyType.PARTLY_DISCLOSED, t - 45 * DAY)),
        ("withheld", answered(ReplyType.WITHHELD_PROCESS, t - 50 * DAY)),
        ("not_held", answered(ReplyType.UNAVAILABLE_NOT_HELD, t - 35 * DAY)),
        ("repeat", answered(ReplyType.NOT_PROCESSED_REPEAT, t - 33 * DAY)),
        ("last_year_answered", answered(ReplyType.DISCLOSED, last_year - 20 * DAY)),
        ("carried_over", answered(ReplyType.WITHHELD_THIRD_PARTY, last_year + 27 * DAY)),
        (
            "answered_late",
            run(
                (Action.REGISTER, t - 70 * DAY, {}),
                (
                    Action.ANSWER,
                    add_workdays(t - 70 * DAY, REPLY_WORKDAYS + 3),
                    {
                        "reply_type": ReplyType.DISCLOSED,
                        "late_reason": "经办人员岗位调整，交接期间延误答复。",
                    },
                ),
            ),
        ),
    ]


def _new_case(site: SiteProfile, code: str, index: int, agencies: list) -> RequestCase:
    applicant_type, name = APPLICANTS[index % len(APPLICANTS)]
    person = applicant_type == ApplicantType.NATURAL_PERSON
    return RequestCase(
        site=site,
        organisation=agencies[index % len(agencies)] if agencies else None,
        tracking_code=code,
        channel=Channel.ONLINE if index % 3 == 0 else Channel.POST,
        applicant_type=applicant_type,
        applicant_name=name,
        id_type=IdDocumentType.RESIDENT_ID if person else "",
        id_number=DEMO_RESIDENT_ID if person else "",
        credit_code="" if person else DEMO_CREDIT_CODE,
        phone=f"1390917{index:04d}",
        email=f"applicant{index}@example.cn",
        address="长河市新华路8号",
        description=DESCRIPTIONS[index % len(DESCRIPTIONS)],
        info_format=InformationFormat.ELECTRONIC if index % 2 else InformationFormat.PAPER,
        delivery_method=DeliveryMethod.EMAIL if index % 2 else DeliveryMethod.POST,
    )


def build_demo(*, today: datetime.date, stdout) -> dict[str, int]:
    """Create the demo request cases on every site; return {"request_cases": total demo cases}."""
    user = _officer()
    created = 0
    for site in SiteProfile.objects.select_related("site", "moderators_group", "editors_group"):
        if site.moderators_group_id:
            user.groups.add(site.moderators_group_id)
        agencies = list(agencies_for_site(site))
        for index, (_key, drive) in enumerate(_scenarios(today)):
            code = f"DEMO{site.site_code}{index:02d}"
            if RequestCase.objects.filter(tracking_code=code).exists():
                continue
            with transaction.atomic():
                drive(_new_case(site, code, index, agencies), site, user)
            created += 1
    total = RequestCase.objects.filter(tracking_code__startswith="DEMO").count()
    stdout.write(f"依申请公开演示案件：新建 {created} 件，共 {total} 件。\n")
    return {"request_cases": total}
