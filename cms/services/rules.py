"""The one rule of service guides: the ten required elements (办事指南要素) and which of them a
guide leaves empty. Publication is refused while any is empty (检查指标: 办事指南要素缺失 is a
deduction, STANDARDS.md §2); drafts may be incomplete."""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import strip_tags

# 政府网站与政务新媒体检查指标 (2019): 办事指南 must give these ten elements. Each label is
# satisfied by any one of its fields (办理机构: an organisation record or a typed name).
REQUIRED_ELEMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("事项名称", ("item_name",)),
    ("设定依据", ("legal_basis",)),
    ("申请条件", ("conditions",)),
    ("办理材料", ("materials",)),
    ("办理地点", ("location",)),
    ("办理机构", ("organisation", "organisation_name")),
    ("收费标准", ("fees",)),
    ("办理时间", ("hours",)),
    ("联系电话", ("phone",)),
    ("办理流程", ("procedure",)),
)

_BLANK = re.compile(r"[\s\u00a0\u3000]+|&nbsp;")


def is_blank(value: Any) -> bool:
    """Empty text, rich text with no visible characters (`<p></p>`), or no related object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not _BLANK.sub("", strip_tags(value))
    return False


def missing_elements(values: dict[str, Any] | Any) -> list[str]:
    """Labels of the required elements left empty, in their canonical order. `values` is a page
    (attributes read) or a form's cleaned_data (keys read)."""

    def get(name: str) -> Any:
        if isinstance(values, dict):
            return values.get(name)
        if name == "organisation":
            return getattr(values, "organisation_id", None)
        return getattr(values, name, None)

    return [
        label
        for label, fields in REQUIRED_ELEMENTS
        if all(is_blank(get(field)) for field in fields)
    ]


def publication_refusal(missing: list[str]) -> str:
    return f"办事指南要素不完整，不能发布或提交审核。请填写：{'、'.join(missing)}。"


def field_of(label: str) -> str:
    return dict(REQUIRED_ELEMENTS)[label][0]
