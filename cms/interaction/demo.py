"""Demo message boards for the demo cluster: a 领导信箱 board in every site's 互动交流 column and,
on every site, messages in every state: answered on time and late, in progress, awaiting review,
received and overdue, unanswered past two and three months (the audit's warning and veto),
transferred to the next site's organisation and answered there, and invalid with a reason.
Idempotent: each message has a fixed tracking code and is skipped when it already exists."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.disclosure.models import Organisation
from cms.interaction import workflow
from cms.interaction.demo_faq import build_site_faq
from cms.interaction.models import Message, MessageBoardPage, MessageKind
from cms.interaction.provisioning import add_message_board
from cms.pages.models import ColumnPage
from cms.services.demo import region_of
from sites.models import SiteProfile

DEMO_OFFICER = "interaction_demo_officer"
# (kind, writer, subject, content, reply)
LETTERS: list[tuple[str, str, str, str, str]] = [
    (
        MessageKind.CONSULT,
        "刘淑芬",
        "城乡居民医保今年什么时候开始缴费",
        "我是在家务农的村民，想问一下2027年度城乡居民基本医疗保险的缴费时间和缴费标准，"
        "可以通过哪些渠道缴费？家里老人不会用手机，能否到村委会代缴？",
        "您好！2027年度城乡居民医保集中缴费期为2026年9月1日至12月31日，个人缴费标准为每人每年"
        "400元。可通过税务部门微信公众号、各银行网点或村（社区）便民服务站缴费；行动不便的老人可由"
        "家属持身份证到村便民服务站代缴。感谢您的关注！",
    ),
    (
        MessageKind.SUGGEST,
        "陈志强",
        "建议在人民路小学门口增设上下学护学岗",
        "人民路小学门口早晚接送孩子的车辆很多，道路狭窄，经常堵到主路上，存在安全隐患。"
        "建议交警和学校在上下学时段设置护学岗，并在附近规划临时停车区域。",
        "感谢您的建议！经与公安交警大队和学校共同研究，自下月起工作日7:20—8:00、16:30—17:30"
        "在人民路小学门口设置护学岗，并在学校东侧空地划设临时停车泊位40个。欢迎继续监督。",
    ),
    (
        MessageKind.COMPLAINT,
        "黄丽",
        "幸福小区楼下烧烤店油烟扰民",
        "幸福小区3号楼底商的烧烤店每天营业到凌晨两点，油烟直接排到楼上住户窗前，"
        "噪音也很大，多次与店主沟通无果，希望有关部门尽快处理。",
        "您反映的问题已收悉。县城市管理局执法人员于接件次日到现场核查，确认该店未安装油烟净化设施，"
        "已依法下达责令整改通知书，要求其7日内安装合格的油烟净化装置并将营业时间调整至22:00前。"
        "整改期满后复查合格。如仍有问题，请拨打12345热线反映。",
    ),
    (
        MessageKind.CONSULT,
        "周文博",
        "应届毕业生灵活就业社保补贴如何申请",
        "我今年大学毕业后回到家乡从事灵活就业，听说可以申请社会保险补贴，请问需要满足什么条件、"
        "准备哪些材料、到哪里办理？",
        "您好！离校2年内未就业的高校毕业生灵活就业后缴纳社会保险费的，可按规定申请社会保险补贴，"
        "补贴标准不超过实际缴费的三分之二，期限最长2年。请携带身份证、毕业证书和灵活就业登记材料到"
        "县政务服务中心人社窗口申请，也可通过省人社网上办事大厅在线申请。",
    ),
    (
        MessageKind.SUGGEST,
        "吴建华",
        "建议增加县城到东山镇的公交班次",
        "目前县城到东山镇的公交车每小时一班，早上7点前没有车，在县城上班的镇上居民很不方便。"
        "建议早高峰增开班次，首班车提前到6点半。",
        "感谢您的建议！县交通运输局已会同公交公司调整运营方案，自本月15日起东山线首班车提前至"
        "6:30发车，早高峰（6:30—8:30）加密为每30分钟一班。",
    ),
    (
        MessageKind.COMPLAINT,
        "孙海燕",
        "南河沿岸有人倾倒建筑垃圾",
        "最近一周夜里经常有货车在南河大桥东侧河滩倾倒建筑垃圾，已经堆了好几处，"
        "影响河道行洪和环境，请尽快清理并查处。",
        "",
    ),
    (
        MessageKind.CONSULT,
        "马骏",
        "老旧小区加装电梯有没有补助",
        "我们小区建于1998年，六层无电梯，住户大多是老人，大家想加装电梯。请问政府有没有补助政策，"
        "需要多少住户同意，审批流程是怎样的？",
        "",
    ),
    (
        MessageKind.SUGGEST,
        "朱晓梅",
        "建议在滨河公园增设公共厕所",
        "滨河公园每天晨练和散步的人很多，但整个公园只有北门一处厕所，南段的群众很不方便，"
        "建议在南段增设一座公共厕所。",
        "",
    ),
]
TRANSFER_LETTER = (
    MessageKind.COMPLAINT,
    "郭永康",
    "跨县班车票价与公示不一致",
    "我每周乘坐县城到市区的城际班车，售票员收取的票价比车站公示的票价多3元，且不开具票据。"
    "该线路由邻县客运公司运营，请有关部门核实处理。",
    "经核查，该线路由我县客运公司运营，售票员多收票款属实。县交通运输局已责令企业退还多收票款、"
    "对当事售票员作出处理，并要求全线班车实行电子售票、一律开具票据。感谢您的监督。",
)
INVALID_LETTER = (
    MessageKind.CONSULT,
    "优惠推广",
    "高薪兼职日结工资加微信了解",
    "足不出户日赚三百元，手机操作简单，宝妈学生均可，详情加微信咨询，名额有限先到先得。",
    "",
)


def _officer():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_OFFICER, defaults={"first_name": "演示经办人", "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def ensure_board(profile: SiteProfile) -> MessageBoardPage | None:
    home = profile.site.root_page
    column = ColumnPage.objects.descendant_of(home).filter(slug="hdjl").first()
    if column is None:
        return None
    return add_message_board(column)


def _at(today: datetime.date, days_ago: int, hour: int = 10) -> datetime.datetime:
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _file(site, code, letter, received) -> Message:
    kind, name, subject, content, _reply = letter
    message = Message(
        site=site,
        tracking_code=code,
        kind=kind,
        name=name,
        phone="139" + code[-5:].rjust(8, "0"),
        email="",
        subject=subject,
        content=content,
        is_public=True,
    )
    return workflow.submit(message, now=received)


def _answer(message, org, user, letter, drafted, published) -> None:
    workflow.assign(message, org, user=user, now=drafted - datetime.timedelta(hours=20))
    workflow.draft_reply(message, user=user, body=letter[4], now=drafted)
    workflow.publish_reply(message, user=user, note="同意发布", now=published)


Scenario = Callable[[SiteProfile, list, list, object, datetime.date, str], None]


def _scenarios() -> list[tuple[str, Scenario]]:
    def answered(index, days_ago, answer_after):
        def run(site, orgs, other_orgs, user, today, code):
            letter = LETTERS[index]
            message = _file(site, code, letter, _at(today, days_ago))
            drafted = _at(today, days_ago - answer_after, 9)
            _answer(message, orgs[index % len(orgs)], user, letter, drafted, drafted)

        return run

    def open_(index, days_ago, step):
        def run(site, orgs, other_orgs, user, today, code):
            letter = LETTERS[index]
            message = _file(site, code, letter, _at(today, days_ago))
            if step in ("assigned", "reviewing"):
                workflow.assign(message, orgs[0], user=user, now=_at(today, days_ago - 1))
                workflow.add_note(
                    message,
                    user=user,
                    note="已联系相关科室现场核实，待反馈处理意见。",
                    now=_at(today, days_ago - 1, 15),
                )
            if step == "reviewing":
                workflow.draft_reply(
                    message,
                    user=user,
                    body="您反映的问题已收悉，我单位已安排专人核实处理，处理结果将及时向您反馈。",
                    now=_at(today, max(days_ago - 3, 0), 9),
                )

        return run

    def transferred(site, orgs, other_orgs, user, today, code):
        message = _file(site, code, TRANSFER_LETTER, _at(today, 12))
        workflow.assign(message, orgs[0], user=user, now=_at(today, 11))
        target = other_orgs[0]
        workflow.transfer(
            message,
            user=user,
            organisation=target,
            note=f"经核实，该线路由{target.name}主管，转其办理。",
            now=_at(today, 11, 16),
        )
        drafted = _at(today, 6, 9)
        workflow.draft_reply(message, user=user, body=TRANSFER_LETTER[4], now=drafted)
        workflow.publish_reply(message, user=user, now=drafted)

    def invalid(site, orgs, other_orgs, user, today, code):
        message = _file(site, code, INVALID_LETTER, _at(today, 4))
        workflow.mark_invalid(
            message, user=user, reason="商业广告，与政务无关。", now=_at(today, 3)
        )

    return [
        ("answered_on_time", answered(0, 40, 5)),
        ("answered_on_time_2", answered(1, 25, 7)),
        ("answered_late", answered(2, 50, 20)),
        ("answered_recent", answered(3, 9, 3)),
        ("answered_4", answered(4, 70, 9)),
        ("overdue_received", open_(5, 21, "received")),
        ("assigned", open_(6, 5, "assigned")),
        ("reviewing", open_(7, 8, "reviewing")),
        ("two_months", open_(6, 68, "assigned")),
        ("three_months", open_(7, 96, "received")),
        ("transferred", transferred),
        ("invalid", invalid),
    ]


# Only one demo site lets a message lapse past three months (a single veto in the audit), so the
# demo scorecard shows one vetoed site beside clean ones.
LAPSED_DEMO_HOST = "bailu.localhost"


def build_demo(*, today: datetime.date, stdout) -> dict[str, int]:
    """Boards on every site and the demo messages; returns counts of boards and messages."""
    user = _officer()
    profiles = list(SiteProfile.objects.select_related("site").order_by("sort_order", "pk"))
    boards = 0
    created = 0
    faqs = 0
    for position, site in enumerate(profiles):
        if ensure_board(site) is not None:
            boards += 1
        faqs += build_site_faq(site, region_of(site))
        orgs = list(Organisation.objects.filter(site=site))
        if not orgs:
            continue
        if site.moderators_group_id:
            user.groups.add(site.moderators_group_id)
        neighbour = profiles[(position + 1) % len(profiles)]
        other_orgs = list(Organisation.objects.filter(site=neighbour)) or orgs[1:] or orgs
        if neighbour.moderators_group_id:
            user.groups.add(neighbour.moderators_group_id)
        for index, (key, run) in enumerate(_scenarios()):
            if key == "three_months" and site.site.hostname != LAPSED_DEMO_HOST:
                continue
            code = f"LYDEMO{site.pk:03d}{index:02d}"
            if Message.objects.filter(tracking_code=code).exists():
                continue
            with transaction.atomic():
                run(site, orgs, other_orgs, user, today, code)
            created += 1
    total = Message.objects.filter(tracking_code__startswith="LYDEMO").count()
    stdout.write(
        f"政民互动：留言板 {boards} 个，演示留言新建 {created} 条，共 {total} 条；"
        f"常见问题新建 {faqs} 条。\n"
    )
    return {"message_boards": boards, "messages": total}
