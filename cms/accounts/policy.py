"""Who must use a second factor (等保 2.0 三级 身份鉴别: 两种或两种以上组合的鉴别技术): the
platform's administrators (superusers) and every site's moderators (审核), who publish. Everyone
else with admin access may enrol too; once enrolled, they verify on every login.

`JIYUE_REQUIRE_2FA` switches the admin's second-factor gate as a whole. It is on in every
environment (base settings); only cms/settings/test.py turns it off, so the suite's
`force_login` clients reach the admin, and the two-factor tests turn it back on."""

from __future__ import annotations

from django.conf import settings

from sites.models import SiteProfile


def gate_enabled() -> bool:
    return bool(getattr(settings, "JIYUE_REQUIRE_2FA", True))


def must_use_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    moderator_groups = SiteProfile.objects.values("moderators_group")
    return user.groups.filter(pk__in=moderator_groups).exists()
