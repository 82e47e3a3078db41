"""Opening a new site of the cluster (create_site): validate everything first, then create the
Wagtail Site, its home and standard column tree, its collection, groups, review workflow and
profile in one transaction, so bad input leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from cms.core.publishing import publish_page
from cms.disclosure.provisioning import provision_disclosure_platform
from cms.pages.models import ColumnPage, HomePage, PortalHomePage
from cms.review.provisioning import ensure_review_workflow
from sites.column_tree import STANDARD_COLUMNS, ColumnSpec
from sites.models import SiteLevel, SiteProfile
from sites.permissions import grant_site_permissions
from sites.validators import (
    validate_hostname,
    validate_icp_number,
    validate_police_number,
    validate_site_code,
)
from themes.registry import Theme


class ProvisioningError(Exception):
    """Input that cannot become a site; the message is for the operator, in Chinese."""


@dataclass
class SiteSpec:
    name: str
    hostname: str
    code: str
    level: str
    parent_hostname: str | None = None
    port: int = 80
    sponsor: str = ""
    organizer: str = ""
    theme: str = Theme.GOV_RED
    icp_number: str = ""
    police_number: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    default_source: str = ""
    sort_order: int = 0

    @property
    def sponsor_or_default(self) -> str:
        if self.sponsor:
            return self.sponsor
        for suffix in ("门户网站", "网站"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                return self.name[: -len(suffix)]
        return self.name


def _first_error(error: ValidationError) -> str:
    return error.messages[0]


def validate_spec(spec: SiteSpec) -> SiteProfile | None:
    """Raise ProvisioningError for the first problem found; return the parent profile."""
    spec.name = (spec.name or "").strip()
    spec.hostname = (spec.hostname or "").strip().lower()
    if not spec.name:
        raise ProvisioningError("网站名称不能为空。")
    for validator, value in (
        (validate_hostname, spec.hostname),
        (validate_site_code, spec.code),
        (validate_icp_number, spec.icp_number),
        (validate_police_number, spec.police_number),
    ):
        try:
            validator(value)
        except ValidationError as error:
            raise ProvisioningError(_first_error(error)) from error
    if spec.level not in SiteLevel.values:
        choices = "、".join(SiteLevel.values)
        raise ProvisioningError(f"网站级别“{spec.level}”无效，可选：{choices}。")
    if spec.theme not in Theme.values:
        raise ProvisioningError(f"主题“{spec.theme}”无效，可选：{'、'.join(Theme.values)}。")
    if not 1 <= spec.port <= 65535:
        raise ProvisioningError(f"端口“{spec.port}”无效。")
    if Site.objects.filter(hostname=spec.hostname, port=spec.port).exists():
        raise ProvisioningError(f"域名“{spec.hostname}”已被其他网站使用。")
    if SiteProfile.objects.filter(site_code=spec.code).exists():
        raise ProvisioningError(f"网站标识码“{spec.code}”已被其他网站使用。")
    if SiteProfile.objects.filter(canonical_name=spec.name).exists():
        raise ProvisioningError(f"网站名称“{spec.name}”已存在。")

    if spec.level == SiteLevel.CITY:
        if spec.parent_hostname:
            raise ProvisioningError("市级门户网站是站群的顶层，不能指定上级网站。")
        if PortalHomePage.objects.exists():
            raise ProvisioningError("站群中已有市级门户网站，一个站群只能有一个门户。")
        return None
    if not spec.parent_hostname:
        raise ProvisioningError("县区、部门和乡镇街道网站必须用 --parent 指定上级网站的域名。")
    parent = (
        SiteProfile.objects.select_related("site")
        .filter(site__hostname=spec.parent_hostname.strip().lower())
        .first()
    )
    if parent is None:
        raise ProvisioningError(f"上级网站“{spec.parent_hostname}”不存在。")
    return parent


def create_site(spec: SiteSpec) -> SiteProfile:
    """Provision a complete site, or raise ProvisioningError having created nothing."""
    parent = validate_spec(spec)
    with transaction.atomic():
        root = Page.get_first_root_node()
        home_class = PortalHomePage if spec.level == SiteLevel.CITY else HomePage
        home = home_class(
            title=spec.name,
            slug=_unique_root_slug(root, spec.hostname),
            description=f"{spec.name}是{spec.sponsor_or_default}依法公开政府信息、提供政务服务的网站。",
            keywords=f"{spec.sponsor_or_default},政务公开,政务服务",
        )
        publish_page(home, parent=root)
        site = Site.objects.create(
            hostname=spec.hostname,
            port=spec.port,
            root_page=home,
            site_name=spec.name,
            is_default_site=spec.level == SiteLevel.CITY
            and not Site.objects.filter(is_default_site=True).exists(),
        )
        add_columns(home, STANDARD_COLUMNS)
        collection = Collection.get_first_root_node().add_child(name=spec.name)
        editors, moderators = grant_site_permissions(
            site_name=spec.name, home=home, collection=collection
        )
        profile = SiteProfile(
            site=site,
            canonical_name=spec.name,
            site_code=spec.code,
            sponsor=spec.sponsor_or_default,
            organizer=spec.organizer,
            contact_phone=spec.contact_phone,
            contact_email=spec.contact_email,
            contact_address=spec.contact_address,
            icp_number=spec.icp_number,
            police_number=spec.police_number,
            level=spec.level,
            parent=parent,
            theme=spec.theme,
            default_source=spec.default_source or spec.sponsor_or_default,
            sort_order=spec.sort_order,
            collection=collection,
            editors_group=editors,
            moderators_group=moderators,
        )
        try:
            profile.full_clean()
        except ValidationError as error:
            raise ProvisioningError(_first_error(error)) from error
        profile.save()
        ensure_review_workflow(profile)
        provision_disclosure_platform(profile)
    return profile


def add_columns(parent: Page, specs: tuple[ColumnSpec, ...]) -> None:
    for spec in specs:
        column = ColumnPage(
            title=spec.title,
            slug=spec.slug,
            column_type=spec.column_type,
            description=spec.description,
            keywords=spec.keywords,
            show_in_menus=parent.depth <= 2,
        )
        publish_page(column, parent=parent)
        add_columns(column, spec.children)
        for dotted in spec.pages:
            import_string(dotted)(column)


def _unique_root_slug(root: Page, hostname: str) -> str:
    base = slugify(hostname.replace(".", "-")) or "site"
    slug, counter = base, 2
    existing = set(root.get_children().values_list("slug", flat=True))
    while slug in existing:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug
