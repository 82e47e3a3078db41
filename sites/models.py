"""Site profiles: the identity every government site must show (网站标识码, 主办单位, 备案号 …), its
place in the cluster hierarchy, its theme and the groups that edit and administer it."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.http import HttpRequest
from wagtail.models import Collection, Site

from sites.validators import validate_icp_number, validate_police_number, validate_site_code
from themes.registry import Theme

MIIT_RECORD_URL = "https://beian.miit.gov.cn/"
MPS_RECORD_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
SITE_MAP_PATH = "/sitemap/"


class SiteLevel(models.TextChoices):
    CITY = "city", "市"
    COUNTY = "county", "县区"
    DEPARTMENT = "department", "部门"
    TOWNSHIP = "township", "乡镇街道"


class SiteProfile(models.Model):
    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="profile")
    canonical_name = models.CharField("网站规范名称", max_length=100, unique=True)
    site_code = models.CharField(
        "网站标识码", max_length=10, unique=True, validators=[validate_site_code]
    )
    sponsor = models.CharField("主办单位", max_length=100)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    contact_address = models.CharField("联系地址", max_length=200, blank=True)
    icp_number = models.CharField(
        "ICP备案号", max_length=50, blank=True, validators=[validate_icp_number]
    )
    police_number = models.CharField(
        "公安机关备案号", max_length=50, blank=True, validators=[validate_police_number]
    )
    level = models.CharField("网站级别", max_length=20, choices=SiteLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级网站",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    theme = models.CharField("主题", max_length=20, choices=Theme.choices, default=Theme.GOV_RED)
    default_source = models.CharField(
        "默认发布机构",
        max_length=100,
        help_text="文章未填写来源时显示的发布单位，通常与主办单位相同。",
    )
    mourning_mode = models.BooleanField(
        "哀悼模式", default=False, help_text="开启后全站页面以灰色显示，用于国家公祭日等哀悼活动。"
    )
    sort_order = models.PositiveIntegerField("站群导航排序", default=0)
    collection = models.ForeignKey(
        Collection,
        verbose_name="图片与文档库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editors_group = models.ForeignKey(
        Group,
        verbose_name="编辑组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderators_group = models.ForeignKey(
        Group,
        verbose_name="审核组（站点管理员）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "站点信息"
        verbose_name_plural = "站点信息"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.canonical_name

    @property
    def domain(self) -> str:
        return self.site.hostname

    @property
    def police_record_code(self) -> str:
        return "".join(ch for ch in self.police_number if ch.isdigit())

    @property
    def police_record_url(self) -> str:
        return MPS_RECORD_URL.format(code=self.police_record_code)

    @property
    def icp_record_url(self) -> str:
        return MIIT_RECORD_URL

    @classmethod
    def for_request(cls, request: HttpRequest) -> SiteProfile | None:
        """The profile of the site serving `request`, looked up once per request."""
        cached = getattr(request, "_jiyue_site_profile", False)
        if cached is not False:
            return cached
        site = Site.find_for_request(request)
        profile = None
        if site is not None:
            profile = (
                cls.objects.select_related("site__root_page", "parent__site")
                .filter(site=site)
                .first()
            )
        request._jiyue_site_profile = profile  # type: ignore[attr-defined]
        return profile

    def is_administered_by(self, user) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return (
            self.moderators_group_id is not None
            and user.groups.filter(pk=self.moderators_group_id).exists()
        )
