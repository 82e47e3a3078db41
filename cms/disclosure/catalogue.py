"""The 公开目录 (条例 第十二条): proactively disclosed records of one site or of the whole cluster,
each with its 索引号, 名称, 内容概述, 文号 and dates, filtered by category, topic, genre, organisation,
year and validity and searched by title or 文号, all from GET parameters, so any filtered view is a
shareable URL. Bad parameters are ignored with a notice. One query for the rows, whatever the page
size."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from cms.disclosure.document_numbers import normalise_document_number
from cms.disclosure.models import DisclosurePage, Organisation, Topic
from cms.disclosure.vocab import CATEGORY_CHOICES, DisclosureMethod, Genre, Validity
from cms.pages.queries import publicly_visible
from search.text import clean_input

SCOPE_SITE = "site"
SCOPE_CLUSTER = "cluster"
ALL = [("", "全部")]
# 内容概述 (条例 第十二条) is trimmed to this many characters in the list; the full text is in the
# row's title attribute (on hover) and on the document page.
CATALOGUE_SUMMARY_CHARS = 40


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class CleanCharField(forms.CharField):
    """Text with control characters (NUL above all: PostgreSQL rejects it) stripped the way every
    other public query parameter is (search.text.clean_input)."""

    def to_python(self, value: object) -> str:
        return clean_input(super().to_python(value))


class CatalogueFilterForm(forms.Form):
    q = CleanCharField(label="名称或文号", required=False, max_length=50)
    category = forms.ChoiceField(label="信息类别", required=False, choices=ALL + CATEGORY_CHOICES)
    topic = TopicChoiceField(
        label="主题分类", required=False, queryset=Topic.objects.none(), empty_label="全部"
    )
    genre = forms.ChoiceField(label="体裁", required=False, choices=ALL + list(Genre.choices))
    organisation = forms.ModelChoiceField(
        label="发布机构", required=False, queryset=Organisation.objects.none(), empty_label="全部"
    )
    year = forms.IntegerField(label="成文年份", required=False, min_value=1949, max_value=2100)
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=ALL + list(Validity.choices)
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.order_by(
            "parent__sort_order", "parent_id", "sort_order"
        ).select_related("parent")
        self.fields["organisation"].queryset = organisations
        for field in self.fields.values():
            field.error_messages.setdefault("invalid_choice", "所选项不存在，已忽略该条件。")

    def valid_filters(self) -> dict:
        """Cleaned values of the fields that validated; bad parameters are ignored, never a 500."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    def ignored_labels(self) -> list[str]:
        """Labels of the parameters that were ignored because their value was not valid."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def catalogue_organisations(profile, scope: str) -> QuerySet[Organisation]:
    organisations = Organisation.objects.order_by("site__sort_order", "sort_order", "pk")
    if scope == SCOPE_SITE:
        organisations = organisations.filter(site=profile)
    return organisations


def catalogue_queryset(profile, scope: str, filters: dict) -> QuerySet[DisclosurePage]:
    # The one publicly-listable rule (cms.pages.queries), narrowed to 主动公开 records.
    queryset = publicly_visible(
        DisclosurePage.objects.filter(disclosure_method=DisclosureMethod.PROACTIVE)
    )
    if scope == SCOPE_SITE:
        queryset = queryset.descendant_of(profile.site.root_page)
    else:
        # One row per record: aliases on other sites are the same document.
        queryset = queryset.filter(alias_of__isnull=True)
    if text := filters.get("q"):
        # The box searches 名称 and 文号; a 文号 matches however its brackets were typed.
        queryset = queryset.filter(
            Q(title__icontains=text)
            | Q(document_number__icontains=normalise_document_number(text) or text)
        )
    if filters.get("category"):
        queryset = queryset.filter(category=filters["category"])
    if topic := filters.get("topic"):
        queryset = queryset.filter(Q(topic=topic) | Q(topic__parent=topic))
    if filters.get("genre"):
        queryset = queryset.filter(genre=filters["genre"])
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    if filters.get("year"):
        queryset = queryset.filter(written_date__year=filters["year"])
    if filters.get("validity"):
        queryset = queryset.filter(validity=filters["validity"])
    return (
        queryset.select_related("organisation__site", "topic__parent")
        .only(
            "id", "title", "url_path", "path", "depth", "index_number", "written_date",
            "first_published_at", "validity", "genre", "document_number", "category", "summary",
            "organisation__name", "organisation__site__canonical_name",
            "organisation__site__sort_order", "topic__name", "topic__parent__name",
        )
        .order_by("-first_published_at", "-pk")
    )  # fmt: skip
