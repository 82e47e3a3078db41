"""One 文号 normaliser (cms/disclosure/document_numbers.py) for the disclosure form and for search:
the same table of inputs gives the same stored 文号 through the admin form and the same document
when a visitor searches for it as typed."""

from __future__ import annotations

import pytest

from cms.disclosure.document_numbers import (
    document_number_error,
    looks_like_document_number,
    normalise_document_number,
)
from cms.disclosure.models import DisclosurePage
from tests.cms.disclosure.admin_forms import add_url, form_data
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

NORMAL = "安政发〔2026〕12号"
# (typed, normalised). The last rows are not a bracketed year and stay as typed (whitespace aside).
TABLE = [
    ("安政发[2026]12号", NORMAL),
    ("安政发［2026］12号", NORMAL),
    ("安政发（2026）12号", NORMAL),
    ("安政发(2026)12号", NORMAL),
    ("安政发﹝2026﹞12号", NORMAL),
    ("安政发【2026】12号", NORMAL),
    ("安政发〖2026〗12号", NORMAL),
    ("安政发〔2026〕12号", NORMAL),
    ("安政发\t〔2026〕\t12号", NORMAL),
    ("安政发 ( 2026 ) 12 号", NORMAL),
    ("  安政发　[ 2026 ]12号 ", NORMAL),  # ideographic space
    ("安政发〔２０２６〕１２号", NORMAL),  # full-width digits
    ("安政发［２０２６］１２号", NORMAL),
    ("安政发〔2026〕12号(附件1)", "安政发〔2026〕12号(附件1)"),
    ("安政发[2126]12号", "安政发[2126]12号"),  # 2126 is no 文号 year (FIRST_YEAR–LAST_YEAR)
    ("国务院令第732号", "国务院令第732号"),
]
NORMALISED_INPUTS = [typed for typed, expected in TABLE if expected == NORMAL]


@pytest.mark.parametrize(("typed", "expected"), TABLE)
def test_normaliser_table(typed, expected):
    assert normalise_document_number(typed) == expected
    assert normalise_document_number(expected) == expected  # idempotent


def test_empty_values():
    assert normalise_document_number("") == ""
    assert normalise_document_number(None) == ""
    assert document_number_error("") is None


def test_search_recognises_the_same_numbers_as_the_form():
    from search.text import looks_like_identifier

    for typed in NORMALISED_INPUTS:
        assert looks_like_document_number(typed), typed
        assert looks_like_identifier(typed), typed
        assert document_number_error(typed) is None, typed
    assert not looks_like_identifier("安政发[2126]12号")
    assert not looks_like_identifier("第15号abc")


@pytest.mark.parametrize("typed", NORMALISED_INPUTS)
def test_form_path_stores_the_normalised_number(cluster, orgs, make_user, typed):
    editor = make_user("anning_editor", groups=[cluster.county_a.editors_group])
    column = cluster.column(cluster.county_a, "fgwj")
    data = form_data(orgs["county_a"], document_number=typed)
    response = host_client(CITY_HOST, editor).post(add_url(column), data)
    assert response.status_code == 302
    assert DisclosurePage.objects.get(slug="zsgz").document_number == NORMAL


@pytest.fixture
def indexed_disclosure(settings, cluster, orgs, make_disclosure):
    from search import indexing
    from search.engines import reset_engine

    settings.JIYUE_SEARCH_ENGINE = "search.engines.embedded.EmbeddedEngine"
    reset_engine()
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"),
        orgs["county_a"],
        document_number="安政发[2026]12号",
    )
    assert page.document_number == NORMAL
    indexing.rebuild()
    yield page
    reset_engine()


def test_search_path_redirects_every_spelling_to_the_document(indexed_disclosure):
    client = host_client(COUNTY_A_HOST)
    target = indexed_disclosure.url_path.split("/", 2)[2]
    for typed in NORMALISED_INPUTS:
        response = client.get("/search/", {"q": typed})
        assert response.status_code == 302, typed
        assert response["Location"].endswith(target), typed
    # Not a 文号 year: an ordinary search, no jump to the document.
    assert client.get("/search/", {"q": "安政发[2126]12号"}).status_code == 200
