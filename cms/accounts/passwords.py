"""Password complexity for admin accounts (等保 2.0 三级 身份鉴别: 口令具有复杂度要求并定期更换):
at least `min_length` characters from at least `min_classes` of the four classes (upper case,
lower case, digits, symbols). Django's own validators (similar to the username, too short,
common, all digits) run beside it and speak Chinese through Django's zh-hans catalogue."""

from __future__ import annotations

from django.core.exceptions import ValidationError

CLASS_NAMES = ("大写字母", "小写字母", "数字", "符号")


def character_classes(password: str) -> int:
    classes = (
        any(c.isupper() for c in password),
        any(c.islower() for c in password),
        any(c.isdigit() for c in password),
        # Anything else, Chinese characters included, counts with the symbols.
        any(not (c.isupper() or c.islower() or c.isdigit()) for c in password),
    )
    return sum(classes)


class ComplexityValidator:
    def __init__(self, min_length: int = 10, min_classes: int = 3) -> None:
        self.min_length = min_length
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        errors = []
        if len(password) < self.min_length:
            errors.append(
                ValidationError(
                    f"密码至少需要 {self.min_length} 个字符。", code="password_too_short"
                )
            )
        if character_classes(password) < self.min_classes:
            errors.append(
                ValidationError(
                    f"密码须包含{'、'.join(CLASS_NAMES)}中的至少 {self.min_classes} 类。",
                    code="password_too_simple",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return (
            f"密码至少 {self.min_length} 个字符，并包含{'、'.join(CLASS_NAMES)}中的至少 "
            f"{self.min_classes} 类；不能与用户名相近，不能是常见密码。"
        )
