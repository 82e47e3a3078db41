"""Validators for Chinese identity numbers shared across apps: the 18-character resident identity
card number (居民身份证号码, GB 11643-1999) and the unified social credit code (统一社会信用代码,
GB 32100-2015), both with their check character. Each has a boolean `is_valid_*` twin for code
that only needs the answer, and the validators raise Django ValidationErrors in Chinese."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError

# GB 11643-1999: 17 digits (6 area, 8 birth date, 3 sequence) and an ISO 7064 MOD 11-2 check.
RESIDENT_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"

# GB 32100-2015: 31 symbols (no I, O, Z, S, V); 登记管理部门码, 机构类别码, 6-digit area code,
# 9-character organisation identity, check character; weights are 3**i mod 31.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def normalise_code(value: str) -> str:
    """Upper-case and strip spaces: people type these with lower-case x and stray blanks."""
    return "".join((value or "").split()).upper()


def resident_id_check_char(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def is_valid_resident_id(value: str) -> bool:
    value = normalise_code(value)
    if not RESIDENT_ID_PATTERN.match(value):
        return False
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return resident_id_check_char(value[:17]) == value[17]


def validate_resident_id(value: str) -> None:
    if not is_valid_resident_id(value):
        raise ValidationError(
            "居民身份证号码不正确：应为18位，最后一位为数字或X，且校验位须正确。",
            code="invalid_resident_id",
        )


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * w
        for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    value = normalise_code(value)
    if not CREDIT_CODE_PATTERN.match(value):
        return False
    return credit_code_check_char(value[:17]) == value[17]


def validate_credit_code(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(
            "统一社会信用代码不正确：应为18位数字或大写字母（不含I、O、Z、S、V），且校验位须正确。",
            code="invalid_credit_code",
        )
