"""Helpers that drive the Wagtail admin create/edit views of DisclosurePage over HTTP, as an
editor does in the browser (shared by the form-validation and 文号 tests)."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.urls import reverse

from cms.disclosure.models import Topic

BODY = (
    '{"blocks":[{"key":"a","type":"unstyled","text":"现将有关事项通知如下。","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


def add_url(column) -> str:
    return reverse("wagtailadmin_pages:add", args=["disclosure", "disclosurepage", column.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(organisation, **overrides) -> dict[str, str]:
    """A complete, valid 新建公开信息 form; `overrides` replace fields (None drops one)."""
    data = {
        "title": "关于做好2026年春季学期义务教育招生工作的通知",
        "slug": "zsgz",
        "organisation": str(organisation.pk),
        "document_number": "安政发〔2026〕12号",
        "written_date": "2026-03-02",
        "category": "",
        "topic": str(Topic.objects.get(name="综合政务", parent=None).pk),
        "genre": "通知",
        "regulatory_kind": "其他文件",
        "disclosure_method": "主动公开",
        "validity": "有效",
        "effective_date": "",
        "expiry_date": "",
        "repeal_date": "",
        "summary": "明确招生范围、报名时间和入学条件。",
        "keywords": "",
        "body": BODY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def iso(day: dt.date) -> str:
    return day.strftime("%Y-%m-%d")


def field_errors(response, field: str) -> str:
    """The error text Wagtail shows next to `field` (its error block follows the input)."""
    page = response.content.decode()
    match = re.search(
        rf'data-field-wrapper[^>]*>(?:(?!data-field-wrapper).)*?name="{field}"'
        r"(?:(?!data-field-wrapper).)*",
        page,
        re.S,
    )
    assert match, f"field {field} not on the form"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))
