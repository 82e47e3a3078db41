"""Account credentials (WeChat AppSecret, Weibo OAuth access token): read from an environment
variable named on the account, or stored encrypted with Fernet. The key is the
JIYUE_CREDENTIALS_KEY setting when set (a Fernet key), else derived from SECRET_KEY, so a database
dump alone never yields a usable secret. Nothing here ever returns a secret to a form."""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class CredentialError(RuntimeError):
    """The account has no usable credential; the message is for the admin, in Chinese."""


def _fernet() -> Fernet:
    key = getattr(settings, "JIYUE_CREDENTIALS_KEY", "")
    if not key:
        digest = hashlib.sha256(f"jiyue-newmedia-credentials:{settings.SECRET_KEY}".encode())
        key = base64.urlsafe_b64encode(digest.digest()).decode()
    return Fernet(key.encode() if isinstance(key, str) else key)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(ciphertext: str) -> str:
    try:
        return _fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken as exc:
        raise CredentialError("已保存的密钥无法解密（密钥配置已变更），请重新填写。") from exc


def secret_for(account) -> str:
    """The account's secret: the environment variable first, then the stored one."""
    if account.secret_env_var:
        value = os.environ.get(account.secret_env_var, "")
        if value:
            return value
        if not account.secret_encrypted:
            raise CredentialError(f"环境变量 {account.secret_env_var} 未设置。")
    if account.secret_encrypted:
        return decrypt(account.secret_encrypted)
    raise CredentialError("账号未配置密钥或访问令牌。")


def has_secret(account) -> bool:
    return bool(account.secret_encrypted or account.secret_env_var)
