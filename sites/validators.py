"""Validators for the identity a government site must show (STANDARDS.md §3)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# 网站标识码: 6-digit administrative code + 4-digit serial, or "bm" + 8 digits for State Council
# departments (《政府网站发展指引》; format inferred from published examples).
SITE_CODE_PATTERN = re.compile(r"^(\d{10}|bm\d{8})$")
# ICP备案号, e.g. 长ICP备12345678号 or 京ICP备05070602号-2.
ICP_PATTERN = re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d+)?$")
# 公安机关备案号, e.g. 长公网安备 61090202000123号: province abbreviation, 14 digits.
POLICE_PATTERN = re.compile(r"^[\u4e00-\u9fff]公网安备\s?\d{14}号$")
HOSTNAME_PATTERN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def validate_site_code(value: str) -> None:
    if not SITE_CODE_PATTERN.match(value or ""):
        raise ValidationError(
            "网站标识码“%(value)s”格式不正确：应为10位数字（6位行政区划代码+4位顺序号）或“bm”加8位数字。",
            code="invalid_site_code",
            params={"value": value},
        )


def validate_icp_number(value: str) -> None:
    if value and not ICP_PATTERN.match(value):
        raise ValidationError(
            "ICP备案号“%(value)s”格式不正确，例如：长ICP备12345678号。",
            code="invalid_icp",
            params={"value": value},
        )


def validate_police_number(value: str) -> None:
    if value and not POLICE_PATTERN.match(value):
        raise ValidationError(
            "公安机关备案号“%(value)s”格式不正确，例如：长公网安备 61090202000123号。",
            code="invalid_police_number",
            params={"value": value},
        )


def validate_hostname(value: str) -> None:
    if not HOSTNAME_PATTERN.match(value or ""):
        raise ValidationError(
            "域名“%(value)s”格式不正确：只能包含小写字母、数字、连字符和点，不含协议和端口。",
            code="invalid_hostname",
            params={"value": value},
        )
