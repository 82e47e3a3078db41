"""Demo participation for every demo site, in its 互动交流 column: a 征集调查 sub-column with a
closed survey (answers, published results and a 采纳情况 summary) and an open consultation, and
an 在线访谈 sub-column with a past interview (guests, transcript, approved, pending and rejected
questions). Published through revisions. Idempotent (fixed slugs)."""

from __future__ import annotations

import datetime as dt
import random
from typing import TextIO

from django.utils import timezone

from cms.core.publishing import publish_page
from cms.pages.models import ColumnPage
from cms.participation.identity import respondent_key
from cms.participation.models import (
    ConsultationAnswer,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    InterviewGuest,
    InterviewPage,
    InterviewQuestion,
    ModerationStatus,
    QuestionKind,
)
from cms.services.demo import region_of
from sites.column_tree import find_spec
from sites.provisioning import add_columns

INTERACTION_SLUG = "hdjl"
# The standard sub-columns (sites/column_tree.py): demo sites created before they were standard
# get them here.
SUBCOLUMNS = ("zjdc", "zxft")
CLOSED_RESPONSES = 36
OPEN_RESPONSES = 8
FIELDS = ("教育", "医疗卫生", "养老服务", "交通出行", "住房保障", "就业创业")
PROJECTS = ("老旧小区改造", "新建公共停车场", "社区养老服务站", "城区公厕提升", "农村饮水安全提升",
            "中小学校舍改扩建")  # fmt: skip
SUGGESTIONS = (
    "建议在老旧小区改造中同步加装电梯，方便老年人出行。",
    "希望学校周边上下学时段增加交通疏导。",
    "建议社区养老服务站提供助餐服务。",
    "农村道路夜间照明不足，建议增设路灯。",
    "",
)


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _publish(parent, page) -> None:
    publish_page(page, parent=parent)


def ensure_subcolumns(interaction: ColumnPage) -> dict[str, ColumnPage]:
    columns = {c.slug: c for c in ColumnPage.objects.child_of(interaction)}
    missing = tuple(find_spec(slug) for slug in SUBCOLUMNS if slug not in columns)
    if missing:
        add_columns(interaction, missing)
        columns = {c.slug: c for c in ColumnPage.objects.child_of(interaction)}
    return columns


def _add_responses(page, site, count: int, rng: random.Random, salt: int, moment) -> None:
    questions = list(page.questions.all())
    for n in range(count):
        mobile = f"139{salt:04d}{n:04d}"
        response = ConsultationResponse.objects.create(
            page=page,
            site=site,
            respondent_key=respondent_key(page.pk, mobile),
            name=rng.choice(("", "", "张先生", "李女士", "王女士", "赵先生")),
            submitted_at=moment + dt.timedelta(hours=5 * n + 1),
        )
        answers = []
        for question in questions:
            if question.kind == QuestionKind.SINGLE:
                values = [
                    rng.choices(
                        question.option_list, weights=range(7, 1, -1)[: len(question.option_list)]
                    )[0]
                ]
            elif question.kind == QuestionKind.MULTIPLE:
                values = rng.sample(question.option_list, rng.randint(1, 3))
            else:
                values = [v for v in [rng.choice(SUGGESTIONS)] if v]
            answers += [
                ConsultationAnswer(
                    response=response, question=question, question_text=question.text, value=v
                )
                for v in values
            ]
        ConsultationAnswer.objects.bulk_create(answers)


def _questions(region: str) -> list[ConsultationQuestion]:
    return [
        ConsultationQuestion(
            text="您最关注的民生领域是？", kind=QuestionKind.SINGLE, options="\n".join(FIELDS)
        ),
        ConsultationQuestion(
            text=f"您希望{region}明年优先实施哪些民生实事项目？（最多选三项）",
            kind=QuestionKind.MULTIPLE,
            options="\n".join(PROJECTS),
        ),
        ConsultationQuestion(text="您还有哪些意见和建议？", kind=QuestionKind.TEXT, required=False),
    ]


def build_site(profile, site_index: int, today: dt.date) -> dict[str, int]:
    home = profile.site.root_page
    interaction = ColumnPage.objects.child_of(home).filter(slug=INTERACTION_SLUG).first()
    if interaction is None:
        return {}
    columns = ensure_subcolumns(interaction)
    region = region_of(profile)
    sponsor = profile.sponsor
    key = profile.site.hostname.split(".")[0]
    rng = random.Random(f"jiyue-participation-{profile.site_code}")
    created = {"consultations": 0, "interviews": 0}

    closed_slug = f"zj-{key}-msss"
    if not ConsultationPage.objects.filter(slug=closed_slug).exists():
        opens = today - dt.timedelta(days=75)
        closes = today - dt.timedelta(days=45)
        page = ConsultationPage(
            title=f"{region}{opens.year + 1}年民生实事项目征集问卷调查",
            slug=closed_slug,
            organiser=f"{sponsor}办公室",
            summary=f"广泛听取群众意见，确定{region}明年民生实事项目。",
            intro=(
                f"<p>为科学确定{opens.year + 1}年民生实事项目，切实解决群众急难愁盼问题，"
                f"现面向社会公开征集意见。欢迎社会各界积极参与。</p>"
                "<p>本次调查不记录您的手机号码，仅保存其加密摘要，用于确认每人只参与一次。</p>"
            ),
            opens_at=_local(opens, 9),
            closes_at=_local(closes, 17, 30),
            feedback=(
                f"<p>本次征集共收到有效答卷{CLOSED_RESPONSES}份、意见建议若干条。经梳理，"
                "“老旧小区改造”“社区养老服务站”得票居前，已列入明年民生实事项目建议清单，"
                "提请人民代表大会票决。</p>"
                "<p>关于老旧小区同步加装电梯的建议，已采纳，纳入改造方案；关于学校周边交通疏导的建议，"
                "已转交公安交警部门，上下学高峰时段增派警力；关于农村道路照明的建议，部分采纳，"
                "将结合乡村振兴项目分年度实施。</p>"
            ),
            feedback_published_at=_local(closes + dt.timedelta(days=20), 10),
            keywords="民生实事,问卷调查",
            first_published_at=_local(opens, 9),
            live=False,
        )
        page.questions = _questions(region)
        _publish(columns["zjdc"], page)
        _add_responses(page, profile, CLOSED_RESPONSES, rng, site_index * 10 + 1, page.opens_at)
        created["consultations"] += 1

    open_slug = f"zj-{key}-ggwh"
    if not ConsultationPage.objects.filter(slug=open_slug).exists():
        opens = today - dt.timedelta(days=6)
        page = ConsultationPage(
            title=f"关于《{region}公共文化服务体系建设实施方案（征求意见稿）》公开征求意见",
            slug=open_slug,
            organiser=f"{region}文化和旅游局",
            summary="征求社会公众对公共文化服务体系建设实施方案的意见建议。",
            intro=(
                f"<p>为进一步完善{region}公共文化服务体系，我局起草了《实施方案（征求意见稿）》，"
                "现向社会公开征求意见。征求意见期间，可通过本页面提交意见。</p>"
                "<h2>主要内容</h2><p>方案明确了图书馆、文化馆总分馆制建设，"
                "乡镇综合文化站提档升级和群众文化活动品牌培育等重点任务。</p>"
            ),
            opens_at=_local(opens, 9),
            closes_at=_local(today + dt.timedelta(days=24), 17, 30),
            keywords="公共文化,征求意见",
            first_published_at=_local(opens, 9),
            live=False,
        )
        page.questions = [
            ConsultationQuestion(
                text="您对征求意见稿的总体评价是？",
                kind=QuestionKind.SINGLE,
                options="赞同\n基本赞同\n不赞同",
            ),
            ConsultationQuestion(
                text="您最常使用哪些公共文化设施？",
                kind=QuestionKind.MULTIPLE,
                options="图书馆\n文化馆\n博物馆\n乡镇综合文化站\n农家书屋",
            ),
            ConsultationQuestion(text="您的具体修改意见", kind=QuestionKind.TEXT, required=False),
        ]
        _publish(columns["zjdc"], page)
        _add_responses(page, profile, OPEN_RESPONSES, rng, site_index * 10 + 2, page.opens_at)
        created["consultations"] += 1

    interview_slug = f"ft-{key}-yshj"
    if not InterviewPage.objects.filter(slug=interview_slug).exists():
        day = today - dt.timedelta(days=18)
        page = InterviewPage(
            title=f"优化营商环境 服务企业发展——{sponsor}负责人做客在线访谈",
            slug=interview_slug,
            host_organisation=f"{sponsor}办公室",
            summary="围绕优化营商环境、企业开办和惠企政策兑现回应企业和群众关切。",
            starts_at=_local(day, 15),
            ends_at=_local(day, 16, 30),
            intro="<p>本期访谈围绕企业开办“一网通办”、惠企政策“免申即享”等热点问题与网友在线交流。</p>",
            transcript=(
                "<p><strong>主持人：</strong>各位网友大家好，欢迎收看本期在线访谈。</p>"
                f"<p><strong>嘉宾：</strong>近年来，{region}持续深化“放管服”改革，"
                "企业开办全流程压缩至1个工作日以内，实现“一窗受理、一网通办”。</p>"
                "<p><strong>主持人：</strong>惠企政策如何让企业应享尽享？</p>"
                "<p><strong>嘉宾：</strong>我们梳理了惠企政策清单，对符合条件的企业推行“免申即享”，"
                "资金直达企业账户，无需企业再提交申请材料。</p>"
            ),
            accept_questions=True,
            keywords="营商环境,在线访谈",
            first_published_at=_local(day - dt.timedelta(days=5), 10),
            live=False,
        )
        page.guests = [
            InterviewGuest(name="陈志远", position=f"{sponsor}副县（市、区）长"),
            InterviewGuest(name="刘晓燕", position=f"{region}行政审批服务局局长"),
        ]
        _publish(columns["zxft"], page)
        asked = _local(day - dt.timedelta(days=3), 11)
        for n, (nickname, content, status, answer) in enumerate(
            (
                ("创业青年", "个体工商户注册需要多长时间？可以网上办理吗？", ModerationStatus.APPROVED,
                 "材料齐全的当场办结，可通过政务服务网全程网上办理。"),
                ("小微企业主", "企业招用高校毕业生有哪些补贴政策？", ModerationStatus.APPROVED,
                 "符合条件的可申请一次性吸纳就业补贴和社会保险补贴。"),
                ("", "办理施工许可证能否和规划许可并联审批？", ModerationStatus.APPROVED, ""),
                ("网友", "广告推广 加微信", ModerationStatus.REJECTED, ""),
                ("返乡人员", "返乡创业能申请哪些贷款贴息？", ModerationStatus.PENDING, ""),
            )
        ):  # fmt: skip
            InterviewQuestion.objects.create(
                page=page,
                site=profile,
                nickname=nickname,
                content=content,
                status=status,
                answer=answer,
                moderation_note="与访谈主题无关的广告信息" if status == "rejected" else "",
                submitted_at=asked + dt.timedelta(hours=n * 3),
                moderated_at=None if status == "pending" else asked + dt.timedelta(days=1),
            )
        created["interviews"] += 1
    return created


def build_demo(*, today: dt.date, stdout: TextIO) -> dict[str, int]:
    from sites.models import SiteProfile

    totals = {"consultations": 0, "interviews": 0}
    for index, profile in enumerate(
        SiteProfile.objects.select_related("site__root_page").order_by("sort_order", "pk")
    ):
        for name, count in build_site(profile, index, today).items():
            totals[name] += count
    counts = {
        "consultations_created": totals["consultations"],
        "interviews_created": totals["interviews"],
        "consultations": ConsultationPage.objects.live().count(),
        "responses": ConsultationResponse.objects.count(),
        "interviews": InterviewPage.objects.live().count(),
    }
    stdout.write(
        f"征集调查 {counts['consultations']} 项（答卷 {counts['responses']} 份），"
        f"在线访谈 {counts['interviews']} 期"
    )
    return counts
