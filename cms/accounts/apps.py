from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Admin account security: two-factor authentication, password policy, idle time-out and the
    retention and export of the audit log (等保 2.0 三级 身份鉴别、安全审计)."""

    name = "cms.accounts"
    label = "jiyue_accounts"
    verbose_name = "账号安全"

    def ready(self) -> None:
        from cms.accounts import retention

        retention.connect()
