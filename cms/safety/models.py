"""The administrator-maintained lists the content-safety check matches against (受保护词语 and
敏感词), and the record of every finding a moderator let through (豁免记录).

STANDARDS.md §2: the country's name, leaders' names and titles misspelt are a 严重表述错误."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

# Wrong forms are entered one per line (or separated by 、，, ;), as editors list them.
_FORM_SEPARATORS = re.compile(r"[\n\r、，,;；]+")


def split_forms(value: str) -> list[str]:
    return [form.strip() for form in _FORM_SEPARATORS.split(value or "") if form.strip()]


class TermCategory(models.TextChoices):
    COUNTRY = "country", "国名"
    LEADER = "leader", "领导人姓名职务"
    INSTITUTION = "institution", "机构名称"
    COMMON = "common", "常见严重错误"
    OTHER = "other", "其他"


class Severity(models.TextChoices):
    BLOCK = "block", "禁止发布"
    REVIEW = "review", "须审核确认"


class ProtectedTerm(models.Model):
    """A term that must be written exactly: its correct form and the wrong forms seen in practice."""

    correct = models.CharField("正确写法", max_length=100)
    wrong_forms = models.TextField(
        "常见错误写法", help_text="每行一个，或用顿号分隔，例如“中华人名共和国、中化人民共和国”。"
    )
    category = models.CharField(
        "类别", max_length=20, choices=TermCategory.choices, default=TermCategory.OTHER
    )
    note = models.CharField("备注", max_length=200, blank=True)
    builtin = models.BooleanField("内置", default=False, editable=False)
    active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "受保护词语"
        verbose_name_plural = "受保护词语"
        ordering = ["category", "correct"]

    def __str__(self) -> str:
        return self.correct

    def forms(self) -> list[str]:
        return split_forms(self.wrong_forms)

    def clean(self) -> None:
        forms = self.forms()
        if not forms:
            raise ValidationError({"wrong_forms": "请至少填写一个错误写法。"})
        for form in forms:
            if form == self.correct.strip():
                raise ValidationError({"wrong_forms": f"错误写法“{form}”与正确写法相同。"})
            if form in self.correct:
                # The correct form itself would then be reported everywhere it is written.
                raise ValidationError(
                    {"wrong_forms": f"错误写法“{form}”是正确写法的一部分，会误报正确写法。"}
                )


class SensitiveWord(models.Model):
    word = models.CharField("敏感词", max_length=100, unique=True)
    category = models.CharField("类别", max_length=50, help_text="例如“政治”“色情”“赌博”“暴恐”。")
    severity = models.CharField(
        "处理方式", max_length=10, choices=Severity.choices, default=Severity.BLOCK
    )
    suggestion = models.CharField("修改建议", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["category", "word"]

    def __str__(self) -> str:
        return self.word


class ListVersion(models.Model):
    """One row, given a new random token whenever a list changes: every process compares it with
    the token of the automaton it holds and rebuilds on change (web workers and the task worker
    alike). A token, not a counter: a rolled-back change must never reuse a later change's number."""

    token = models.CharField(max_length=32, default="")

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.token


KIND_LABELS = {
    "protected": "受保护词语写错",
    "sensitive": "敏感词",
    "id_card": "居民身份证号",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "uscc_person": "个体工商户统一社会信用代码",
}


class SafetyOverride(models.Model):
    """A moderator let one finding through, with a reason: who, when, on which revision."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="页面"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="版本",
    )
    field = models.CharField("字段", max_length=100)
    field_label = models.CharField("字段名称", max_length=100)
    kind = models.CharField("检查项", max_length=30, choices=list(KIND_LABELS.items()))
    category = models.CharField("类别", max_length=50)
    matched = models.CharField("命中内容", max_length=200)
    context = models.CharField("上下文", max_length=200)
    position = models.PositiveIntegerField("位置")
    message = models.CharField("检查结果", max_length=300)
    reason = models.TextField("豁免理由")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    user_name = models.CharField("操作人姓名", max_length=150)
    created_at = models.DateTimeField("豁免时间", auto_now_add=True)

    class Meta:
        verbose_name = "内容安全豁免记录"
        verbose_name_plural = "内容安全豁免记录"
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["page", "kind", "matched"])]

    def __str__(self) -> str:
        return f"{self.matched}（{self.reason[:20]}）"

    @property
    def page_title(self) -> str:
        return self.page.title

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)
