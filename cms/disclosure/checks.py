"""System check: the 索引号 template must render and contain the serial."""

from __future__ import annotations

from django.core import checks

from cms.disclosure.index_numbers import index_number_template, template_problem


@checks.register()
def check_index_number_template(app_configs, **kwargs) -> list[checks.CheckMessage]:
    problem = template_problem(index_number_template())
    if problem:
        return [checks.Error(problem, id="disclosure.E001")]
    return []
