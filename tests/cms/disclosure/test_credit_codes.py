import pytest
from django.core.exceptions import ValidationError

from cms.core.validators import is_valid_credit_code
from cms.disclosure.demo import make_credit_code
from cms.disclosure.models import Organisation


def test_known_real_codes_pass_and_altered_ones_fail():
    assert is_valid_credit_code("91350100M000100Y43")
    assert not is_valid_credit_code("91350100M000100Y44")  # wrong check character
    assert not is_valid_credit_code("91350100M000100Y4")  # 17 characters
    assert not is_valid_credit_code("91350100M0001O0Y43")  # letter O is not in the alphabet


@pytest.mark.parametrize("serial", [1, 7, 42, 1000, 99999])
def test_generated_demo_codes_are_valid(serial):
    assert is_valid_credit_code(make_credit_code("610921", serial))


def test_organisation_rejects_bad_check_character_with_chinese_message(cluster):
    good = make_credit_code("610921", 5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    organisation = Organisation(name="安宁县财政局", credit_code=bad, site=cluster.county_a)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "统一社会信用代码" in error.value.message_dict["credit_code"][0]
    organisation.credit_code = good.lower()
    organisation.full_clean()
    organisation.save()
    assert Organisation.objects.get().credit_code == good
