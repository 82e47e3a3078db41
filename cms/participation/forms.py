"""Public forms of participation: the answer form of a consultation (built from its questions)
and the question form of an interview. Errors are in Chinese and a rejected form keeps what was
typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cms.participation.identity import MOBILE_PATTERN, normalise_mobile
from cms.participation.models import ConsultationQuestion, QuestionKind

MAX_TEXT_ANSWER = 2000
MIN_QUESTION_CHARS = 5
REQUIRED = "此项为必填项。"
CHOICE_ERRORS = {"required": "请选择一项。", "invalid_choice": "请从列出的选项中选择。"}
MULTIPLE_ERRORS = {
    "required": "请至少选择一项。",
    "invalid_choice": "请从列出的选项中选择。",
    "invalid_list": "请从列出的选项中选择。",
}


def question_field_name(question: ConsultationQuestion) -> str:
    return f"q{question.pk}"


class ConsultationAnswerForm(forms.Form):
    name = forms.CharField(
        label="称呼",
        max_length=50,
        required=False,
        help_text="选填。",
        error_messages={"max_length": "称呼不能超过50个字。"},
    )
    mobile = forms.CharField(
        label="手机号码",
        max_length=20,
        help_text="用于确认每人只参与一次；本网站只保存其加密摘要，不保存号码本身。",
        error_messages={"required": "请填写手机号码。", "max_length": "请填写11位手机号码。"},
    )

    def __init__(self, *args: Any, questions: list[ConsultationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question_field_name(question)] = self._field_for(question)

    @staticmethod
    def _field_for(question: ConsultationQuestion) -> forms.Field:
        label = question.text
        choices = [(option, option) for option in question.option_list]
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(
                label=label,
                choices=choices,
                required=question.required,
                widget=forms.RadioSelect,
                error_messages=CHOICE_ERRORS,
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=question.required,
                widget=forms.CheckboxSelectMultiple,
                error_messages=MULTIPLE_ERRORS,
            )
        return forms.CharField(
            label=label,
            required=question.required,
            max_length=MAX_TEXT_ANSWER,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                "required": REQUIRED,
                "max_length": f"不能超过{MAX_TEXT_ANSWER}个字。",
                "null_characters_not_allowed": "内容含有不允许的字符。",
            },
        )

    def clean_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        if not MOBILE_PATTERN.match(mobile):
            raise ValidationError("请填写11位手机号码。")
        return mobile

    def question_fields(self) -> list[tuple[ConsultationQuestion, forms.BoundField]]:
        return [(q, self[question_field_name(q)]) for q in self.questions]

    def answer_values(self) -> list[tuple[ConsultationQuestion, list[str]]]:
        """(question, values) for every answered question, after validation."""
        answered = []
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            values = value if isinstance(value, list) else [value] if value else []
            values = [v.strip() for v in values if v and v.strip()]
            if values:
                answered.append((question, values))
        return answered


class InterviewQuestionForm(forms.Form):
    nickname = forms.CharField(
        label="称呼",
        max_length=30,
        required=False,
        help_text="选填，显示在问题旁；不填显示为“网友”。",
        error_messages={"max_length": "称呼不能超过30个字。"},
    )
    content = forms.CharField(
        label="您的问题",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="问题经审核后显示，嘉宾将在访谈中择要回答。",
        error_messages={
            "required": "请填写问题内容。",
            "max_length": "问题不能超过500个字。",
            "null_characters_not_allowed": "内容含有不允许的字符。",
        },
    )

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(content) < MIN_QUESTION_CHARS:
            raise ValidationError(f"问题内容不能少于{MIN_QUESTION_CHARS}个字。")
        return content
