"""索引号 issuing (STANDARDS.md §4): rendered from the platform's template, unique across the cluster,
issued once at first publication and never changed.

Why at first publication and not first save: drafts that are never published would otherwise burn
serials and leave gaps in the catalogue, and the year in the number is the year the public first
saw the record. Concurrency: the per-organisation-per-year `IndexCounter` row is locked with
SELECT … FOR UPDATE inside the publishing transaction, so two editors publishing at the same
moment queue on that row; `IssuedIndexNumber.number` is unique as the last line of defence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

if TYPE_CHECKING:
    from cms.disclosure.models import DisclosurePage, Organisation

DEFAULT_TEMPLATE = "{credit_code}/{yyyy}-{serial:05d}"
TEMPLATE_FIELDS = ("credit_code", "short_name", "site_code", "category", "yyyy", "serial")


def index_number_template() -> str:
    return getattr(settings, "JIYUE_INDEX_NUMBER_TEMPLATE", DEFAULT_TEMPLATE) or DEFAULT_TEMPLATE


def render_index_number(
    template: str,
    *,
    credit_code: str,
    yyyy: int,
    serial: int,
    short_name: str = "",
    site_code: str = "",
    category: str = "",
) -> str:
    """Fill the template; ImproperlyConfigured names the problem if the template is unusable."""
    try:
        return template.format(
            credit_code=credit_code,
            short_name=short_name,
            site_code=site_code,
            category=category,
            yyyy=yyyy,
            serial=serial,
        )
    except (KeyError, IndexError, ValueError) as error:
        raise ImproperlyConfigured(
            f"JIYUE_INDEX_NUMBER_TEMPLATE “{template}” 无法使用：{error}。"
            f"可用字段：{', '.join(TEMPLATE_FIELDS)}。"
        ) from error


def template_problem(template: str) -> str | None:
    """Why `template` cannot issue unique numbers, or None (used by the system check)."""
    try:
        first = render_index_number(template, credit_code="X", yyyy=2026, serial=1)
        second = render_index_number(template, credit_code="X", yyyy=2026, serial=2)
    except ImproperlyConfigured as error:
        return str(error)
    if first == second:
        return f"JIYUE_INDEX_NUMBER_TEMPLATE “{template}” 不含 {{serial}}，无法生成不重复的索引号。"
    return None


def issue_year(page: DisclosurePage) -> int:
    moment = page.first_published_at or timezone.now()
    return timezone.localtime(moment).year if timezone.is_aware(moment) else moment.year


def issue_index_number(page: DisclosurePage, *, year: int | None = None) -> str:
    """Draw the next serial of the page's organisation for `year` and register the number."""
    from cms.disclosure.models import IndexCounter, IssuedIndexNumber

    organisation: Organisation = page.organisation
    year = year or issue_year(page)
    template = index_number_template()
    profile = organisation.site
    with transaction.atomic():
        counter, _ = IndexCounter.objects.get_or_create(organisation=organisation, year=year)
        counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
        serial = counter.last_serial
        previous = None
        while True:
            serial += 1
            number = render_index_number(
                template,
                credit_code=organisation.credit_code,
                short_name=organisation.short_name,
                site_code=profile.site_code,
                category=page.category,
                yyyy=year,
                serial=serial,
            )
            if number == previous:
                raise ImproperlyConfigured(template_problem(template) or template)
            # Numbers registered by an import (legacy 索引号) may already occupy a serial.
            if not IssuedIndexNumber.objects.filter(number=number).exists():
                break
            previous = number
        counter.last_serial = serial
        counter.save(update_fields=["last_serial"])
        IssuedIndexNumber.objects.create(
            number=number, page_id=page.pk, organisation=organisation, year=year, serial=serial
        )
    return number


def register_existing_number(page: DisclosurePage, number: str) -> None:
    """Record a legacy 索引号 kept by an import; IntegrityError if another record holds it."""
    from cms.disclosure.models import IssuedIndexNumber

    year = issue_year(page)
    IssuedIndexNumber.objects.create(
        number=number, page_id=page.pk, organisation=page.organisation, year=year, serial=None
    )
