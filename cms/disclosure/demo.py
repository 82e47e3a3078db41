"""Demo content of the disclosure platform: organisations for every demo site (valid 统一社会信用代码),
300+ disclosures over the Art. 20/21 categories, topics, genres and two years (some published late,
some 失效/废止), and interpretations linked to policies. Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from cms.core.publishing import publish_page
from cms.core.validators import credit_code_check_char
from cms.disclosure.models import (
    DisclosurePage,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    Topic,
)
from cms.disclosure.provisioning import categories_for_level, provision_disclosure_platform
from cms.disclosure.vocab import Genre, RegulatoryKind, Validity
from cms.pages.models import ColumnPage
from cms.review.confidentiality import confirmed

# The demo's disclosures are cleared by the loader (条例 第十七条 保密审查), which says so.
DEMO_REVIEWER = "演示数据"

TARGET_DISCLOSURES = 320
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation-code check weights
SUBJECTS = (
    "进一步优化营商环境", "做好春季农业生产", "加强安全生产隐患排查治理", "推进义务教育优质均衡发展",
    "做好城乡居民基本医疗保险参保缴费", "实施农村人居环境整治提升", "加强城市燃气安全管理",
    "开展食品安全专项整治", "促进高校毕业生等青年就业", "做好低保和特困人员救助供养",
    "推进老旧小区改造", "加强汛期地质灾害防治", "规范行政事业性收费管理", "做好政府采购意向公开",
    "推进政务服务“一网通办”", "加强耕地保护和永久基本农田管理", "做好冬春季森林防火",
    "推动制造业高质量发展", "实施数字乡村建设", "规范国有土地上房屋征收与补偿",
    "开展校外培训机构规范治理", "加强基层医疗卫生服务能力建设", "做好重大建设项目批准和实施信息公开",
    "推进社会信用体系建设", "加强生态环境保护督察整改", "做好全民健身公共服务",
)  # fmt: skip
GENRE_WEIGHTS = (
    (Genre.NOTICE, 30), (Genre.OPINION, 12), (Genre.DECISION, 6), (Genre.ANNOUNCEMENT, 6),
    (Genre.PUBLIC_NOTICE, 6), (Genre.CIRCULAR, 6), (Genre.REPLY, 5), (Genre.LETTER, 5),
    (Genre.REPORT, 4), (Genre.MINUTES, 3), (Genre.PLAN, 5), (Genre.STATISTICS, 5),
    (Genre.ORDER, 2), (Genre.OTHER, 5),
)  # fmt: skip
DEPARTMENT_ABBREVIATIONS = {"教育局": "教", "卫生健康委员会": "卫健", "财政局": "财",
                            "发展和改革委员会": "发改"}  # fmt: skip
CITY_DEPARTMENTS = ("长河市发展和改革委员会", "长河市财政局")


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - 55


def make_credit_code(area_code: str, serial: int, *, prefix: str = "11") -> str:
    """A valid 统一社会信用代码 for demo organisations: prefix 11 (机构编制·机关), the 6-digit
    administrative code, a GB 11714 organisation code with its own check digit, and the
    GB 32100 check character."""
    body = f"{serial:08d}"
    remainder = (
        11 - sum(_char_value(c) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)) % 11
    )
    org_check = {10: "X", 11: "0"}.get(remainder, str(remainder))
    first17 = f"{prefix}{area_code}{body}{org_check}"
    return first17 + credit_code_check_char(first17)


def short_name_for(name: str) -> str:
    if name.endswith("人民政府"):
        return f"{name[0]}政"
    for suffix, abbreviation in DEPARTMENT_ABBREVIATIONS.items():
        if name.endswith(suffix):
            return f"{name[0]}{abbreviation}"
    return name[:2]


def ensure_organisations(profiles) -> list[Organisation]:
    organisations = []
    for index, profile in enumerate(profiles):
        area = "610900" if profile.level in {"city", "department"} else f"6109{21 + index:02d}"
        names = [profile.sponsor]
        if profile.level == "city":
            names += list(CITY_DEPARTMENTS)
        for offset, name in enumerate(names):
            domain = profile.site.hostname.split(".")[0]
            organisation, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "short_name": short_name_for(name),
                    "credit_code": make_credit_code(area, 1000 + index * 10 + offset),
                    "site": profile,
                    "sort_order": offset,
                    "office_name": f"{name}办公室",
                    "office_address": f"{name[:3]}人民路{index + 1}号",
                    "office_hours": "工作日 上午9:00-12:00，下午13:30-17:30",
                    "office_phone": f"0917-{5200000 + index * 1000 + offset:07d}",
                    "office_fax": f"0917-{5200500 + index * 1000 + offset:07d}",
                    "office_email": f"zwgk@{domain}.changhe.gov.cn",
                    "office_online": f"http://{profile.site.hostname}/gkml/",
                    "office_postcode": "719000",
                },
            )
            organisations.append(organisation)
    return organisations


def _column(home, path: str) -> ColumnPage | None:
    node: Any = home
    for slug in path.split("/"):
        node = ColumnPage.objects.child_of(node).filter(slug=slug).first()
        if node is None:
            return None
    return node


def build_demo(*, today: dt.date, stdout) -> dict[str, int]:
    from sites.models import SiteProfile

    profiles = list(
        SiteProfile.objects.select_related("site__root_page").order_by("sort_order", "pk")
    )
    if not profiles:
        return {"organisations": 0, "disclosures": 0, "interpretations": 0}
    for profile in profiles:
        provision_disclosure_platform(profile)
    organisations = ensure_organisations(profiles)
    topics = list(Topic.objects.filter(parent__isnull=False)) or list(Topic.objects.all())
    per_site = -(-TARGET_DISCLOSURES // len(profiles))
    with transaction.atomic():
        for site_index, profile in enumerate(profiles):
            _build_site(profile, site_index, per_site, organisations, topics, today)
    counts = {
        "organisations": Organisation.objects.count(),
        "disclosures": DisclosurePage.objects.filter(slug__startswith="demo-").count(),
        "interpretations": InterpretationPage.objects.filter(slug__startswith="demo-").count(),
    }
    stdout.write(
        f"政府信息公开：机构 {counts['organisations']} 个，公开信息 {counts['disclosures']} 条，"
        f"政策解读 {counts['interpretations']} 篇"
    )
    return counts


def _build_site(profile, site_index, per_site, organisations, topics, today) -> None:
    home = profile.site.root_page
    own = [o for o in organisations if o.site_id == profile.pk]
    root = _column(home, "zwgk/fdzdgknr")
    policy_column = _column(home, "zcwj")
    interpretation_column = _column(home, "zcjd")
    if root is None or not own:
        return
    columns = {c.slug: c for c in ColumnPage.objects.child_of(root)}
    categories = [c for c in categories_for_level(profile.level) if c.slug in columns]
    rng = random.Random(f"jiyue-disclosure-{profile.site_code}")
    start = dt.date(today.year - 1, 1, 4)
    span = (today - start).days - 2
    genres, weights = zip(*GENRE_WEIGHTS, strict=True)
    policies: list[DisclosurePage] = []
    for n in range(per_site):
        slug = f"demo-{profile.site_code}-{n:03d}"
        is_policy = n % 4 == 0 and policy_column is not None
        parent = policy_column if is_policy else columns[categories[n % len(categories)].slug]
        existing = DisclosurePage.objects.filter(slug=slug).first()
        if existing is not None:
            if is_policy:
                policies.append(existing)
            continue
        organisation = own[n % len(own)]
        written = start + dt.timedelta(days=rng.randrange(span))
        # About one in twelve is published late (> 20 working days ≈ 28+ calendar days).
        delay = rng.randrange(30, 50) if rng.random() < 0.08 else rng.randrange(0, 12)
        published_day = min(written + dt.timedelta(days=delay), today - dt.timedelta(days=1))
        published = timezone.make_aware(
            dt.datetime.combine(published_day, dt.time(9 + n % 8, (n * 7) % 60))
        )
        genre = Genre.OPINION if is_policy and n % 8 == 0 else rng.choices(genres, weights)[0]
        kind = RegulatoryKind.OTHER
        if is_policy:
            kind = (
                RegulatoryKind.RULE
                if n % 20 == 0 and profile.level == "city"
                else RegulatoryKind.NORMATIVE
            )
        validity, expiry, repeal, effective = Validity.VALID, None, None, None
        if is_policy:
            effective = written + dt.timedelta(days=30)
        roll = rng.random()
        if roll < 0.07:
            validity, repeal = Validity.REPEALED, min(written + dt.timedelta(days=200), today)
        elif roll < 0.11:
            validity, expiry = Validity.EXPIRED, min(written + dt.timedelta(days=180), today)
        subject = SUBJECTS[(n + site_index * 3) % len(SUBJECTS)]
        number = n + 1
        page = DisclosurePage(
            title=f"{organisation.name}关于{subject}的{genre if genre != Genre.OTHER else '公告'}",
            slug=slug,
            organisation=organisation,
            document_number=f"{organisation.short_name}发〔{written.year}〕{number}号"
            if genre not in {Genre.STATISTICS, Genre.PICTURE, Genre.OTHER}
            else "",
            written_date=written,
            category="fgwj" if is_policy else "",
            topic=topics[(n * 5 + site_index) % len(topics)],
            genre=genre,
            regulatory_kind=kind,
            validity=validity,
            effective_date=effective,
            expiry_date=expiry,
            repeal_date=repeal,
            summary=f"{organisation.name}就{subject}作出部署，明确工作目标、主要任务和保障措施。",
            keywords=subject[:10],
            body=(
                f"<p>各有关单位：</p><p>为{subject}，经研究，现就有关事项{genre}如下。</p>"
                "<h2>一、总体要求</h2><p>坚持以人民为中心，统筹发展和安全，确保各项任务落到实处。</p>"
                "<h2>二、主要任务</h2><p>各单位要明确责任分工，建立工作台账，按时报送进展情况。</p>"
                "<h2>三、保障措施</h2><p>加强组织领导，强化督促检查，及时回应群众关切。</p>"
                f'<p style="text-align: right">{organisation.name}</p>'
                f'<p style="text-align: right">{written.year}年{written.month}月{written.day}日</p>'
            ),
        )
        # Demo content has a history: its publication dates are the story's, not today's.
        with confirmed(reviewer_name=DEMO_REVIEWER):
            publish_page(page, parent=parent, first_published_at=published)
        if is_policy:
            policies.append(page)
    if interpretation_column is None:
        return
    for index, policy in enumerate(policies[::2]):
        slug = f"demo-{profile.site_code}-jd{index:03d}"
        if InterpretationPage.objects.filter(slug=slug).exists():
            continue
        moment = (policy.first_published_at or timezone.now()) + dt.timedelta(hours=2)
        interpretation = InterpretationPage(
            title=f"一图读懂《{policy.title}》",
            slug=slug,
            organisation=policy.organisation,
            interpretation_form="图文解读" if index % 2 else "文字解读",
            summary="从出台背景、主要内容和政策亮点三个方面解读文件。",
            body=(
                "<h2>一、出台背景</h2><p>为贯彻落实上级决策部署，回应群众关切，制定本文件。</p>"
                "<h2>二、主要内容</h2><p>文件共三部分，明确了总体要求、主要任务和保障措施。</p>"
                "<h2>三、政策亮点</h2><p>进一步简化办事流程，压缩办理时限，方便群众和企业。</p>"
            ),
        )
        interpretation.interpreted_policies = [InterpretedPolicy(policy=policy)]
        with confirmed(reviewer_name=DEMO_REVIEWER):
            publish_page(
                interpretation,
                parent=interpretation_column,
                first_published_at=min(moment, timezone.now()),
            )
