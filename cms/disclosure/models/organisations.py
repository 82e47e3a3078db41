"""Organisations (机构) that issue disclosed information, and the 主题分类 taxonomy."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from cms.core.validators import normalise_code, validate_credit_code


class Organisation(models.Model):
    """An agency publishing on a cluster site; its GI office contact feeds the 公开指南 (条例 第十二条)."""

    name = models.CharField("机构全称", max_length=100, unique=True)
    short_name = models.CharField(
        "机关代字", max_length=20, blank=True, help_text="用于文号，例如“安政发”中的“安政”。"
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="所在网站",
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    # 条例 第十二条: the 公开指南 names the office, its address, hours, phone, fax and online contact.
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    office_online = models.URLField("网上联系方式", blank=True)
    office_postcode = models.CharField("邮政编码", max_length=6, blank=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["site", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.credit_code = normalise_code(self.credit_code)
        super().save(*args, **kwargs)

    @property
    def has_office_contact(self) -> bool:
        return any((self.office_name, self.office_address, self.office_phone, self.office_email))


def organisations_for_user(user) -> QuerySet[Organisation]:
    """Organisations of the sites whose editors or moderators `user` belongs to; all for superusers."""
    from sites.scope import sites_for_user

    if user.is_authenticated and user.is_active and user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(site__in=sites_for_user(user).values("pk"))


class Topic(models.Model):
    """主题分类: two levels, e.g. 综合政务 › 政务公开. Seeded with the 22 gov.cn topics."""

    name = models.CharField("名称", max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级主题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="disclosure_topic_unique_name"),
        ]

    def __str__(self) -> str:
        return self.path_label

    @property
    def path_label(self) -> str:
        # gov.cn writes the two levels with a backslash: 综合政务\政务公开.
        if self.parent_id:
            return f"{self.parent.name}\\{self.name}"
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "主题分类最多两级，上级主题必须是一级主题。"})
