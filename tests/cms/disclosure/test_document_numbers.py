import pytest

from cms.disclosure.document_numbers import normalise_document_number


@pytest.mark.parametrize(
    "raw",
    [
        "安政发[2026]12号",
        "安政发［2026］12号",
        "安政发（2026）12号",
        "安政发(2026)12号",
        "安政发﹝2026﹞12号",
        "安政发【2026】12号",
        "安政发 ( 2026 ) 12 号",
        "安政发〔2026〕12号",
    ],
)
def test_bracketed_year_becomes_hexagonal_brackets(raw):
    assert normalise_document_number(raw) == "安政发〔2026〕12号"


def test_normalisation_is_idempotent_and_leaves_other_text_alone():
    assert normalise_document_number("") == ""
    assert normalise_document_number(None) == ""
    assert normalise_document_number("国务院令第732号") == "国务院令第732号"
    once = normalise_document_number("长教(2025)3号")
    assert once == "长教〔2025〕3号"
    assert normalise_document_number(once) == once


def test_only_years_are_rebracketed():
    # A parenthesised sequence that is not a year is not a 文号 year and must stay as typed.
    assert normalise_document_number("安政发〔2026〕12号(附件1)") == "安政发〔2026〕12号(附件1)"
