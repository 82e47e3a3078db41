"""Bookkeeping rows: the 索引号 counters and registry, and the import source map."""

from __future__ import annotations

from django.db import models


class IndexCounter(models.Model):
    """Last serial issued for one organisation in one year; locked (select_for_update) while the
    next 索引号 is issued so two simultaneous publications never draw the same serial."""

    organisation = models.ForeignKey(
        "disclosure.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="disclosure_counter_unique_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"


class IssuedIndexNumber(models.Model):
    """Every 索引号 ever issued, unique across the cluster. Aliases of a page share its number
    (they are the same record), so uniqueness lives here rather than on the page table."""

    number = models.CharField("索引号", max_length=100, unique=True)
    page = models.OneToOneField(
        "disclosure.DisclosurePage",
        on_delete=models.CASCADE,
        related_name="issued_index_number",
        null=True,
    )
    organisation = models.ForeignKey(
        "disclosure.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField()
    serial = models.PositiveIntegerField(null=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "已发索引号"
        verbose_name_plural = "已发索引号"

    def __str__(self) -> str:
        return self.number


class ImportedRecord(models.Model):
    """(site, source id) → page, so running the same import file again changes nothing."""

    site = models.ForeignKey("jiyue_sites.SiteProfile", on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(max_length=200)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "source_id"], name="disclosure_import_unique_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.page_id}"
