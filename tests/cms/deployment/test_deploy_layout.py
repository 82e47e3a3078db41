"""deploy/ (issue 14 item 5), as far as it runs here: every command the systemd units and the
compose file start exists and accepts its arguments (manage.py commands parsed by their own
parsers, gunicorn's module path imported and its options parsed by gunicorn), the nginx config
they generate passes `nginx -t`, and the environment they set loads cms.settings.production."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command, get_commands, load_command_class

from tests.cms.deployment.conftest import nginx_test

# Checks configuration and external programs, not the database: the SQLite pass runs it.
pytestmark = pytest.mark.database_neutral

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
# Commands of apps merged separately: checked once their app is installed.
PENDING_COMMANDS: dict[str, str] = {}
TEST_SECRET = "x" * 50


def env_example() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "jiyue.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    values["DJANGO_SECRET_KEY"] = TEST_SECRET
    return values


def exec_lines(unit: Path) -> list[list[str]]:
    # ExecStart= may repeat (a oneshot's steps): read every occurrence, not the last one only.
    commands = []
    for line in unit.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key in {"ExecStartPre", "ExecStart", "ExecReload", "ExecStop"}:
            commands.append(value)
    env = env_example()
    expanded = []
    for command in commands:
        command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
        expanded.append(shlex.split(command.replace("%i", "8001").replace("$MAINPID", "1")))
    return expanded


def check_manage_command(argv: list[str]) -> str:
    """`manage.py <name> args…`: the command exists and its own parser accepts the args."""
    assert argv[0] == "manage.py", argv
    name, args = argv[1], argv[2:]
    commands = get_commands()
    if name not in commands:
        # Named by the layout before its app is merged: the rest of the layout is still checked.
        assert name in PENDING_COMMANDS, f"manage.py {name} does not exist"
        return name
    command = load_command_class(commands[name], name)
    command.create_parser("manage.py", name).parse_args(args)
    return name


def check_gunicorn(args: list[str]) -> None:
    from gunicorn.config import Config

    parsed = Config().parser().parse_args(args)
    module, _, attribute = parsed.args[0].partition(":")
    assert callable(getattr(import_module(module), attribute))


def check_python(argv: list[str]) -> str:
    if argv[:2] == ["-m", "gunicorn"]:
        check_gunicorn(argv[2:])
        return "gunicorn"
    return check_manage_command(argv)


def remap(args: list[str], tmp_path: Path) -> list[str]:
    """Production paths under `tmp_path`, the compose service name as loopback and the worker
    user as ours, so the generated config can be checked here."""
    mapped = [
        arg.replace("/etc/jiyue-nginx/", f"{tmp_path}/etc/")
        .replace("/etc/jiyue/", f"{tmp_path}/etc/")
        .replace("/var/lib/jiyue/", f"{tmp_path}/var/")
        .replace("/var/cache/nginx", f"{tmp_path}/cache")
        .replace("web:8000", "127.0.0.1:8000")
        for arg in args
    ]
    if "--user" in mapped:
        at = mapped.index("--user")
        del mapped[at : at + 2]
        if os.geteuid() == 0:
            mapped += ["--user", "root"]
    return mapped


def generate_and_test(args: list[str], tmp_path: Path, nginx: str) -> None:
    args = remap(args, tmp_path)
    if "--root" not in args:
        args += ["--root", str(tmp_path / "var" / "static_tree")]
    call_command("nginx_config", *args, stdout=io.StringIO())
    config = Path(args[args.index("--output") + 1])
    runtime = Path(args[args.index("--runtime-dir") + 1])
    checked = nginx_test(nginx, config, runtime)
    assert checked.returncode == 0, checked.stderr


@pytest.fixture
def production_tasks(settings):
    """The task backend production uses (the tests run tasks immediately); db_worker's parser
    refuses any other."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.mark.parametrize("unit", UNITS, ids=[u.name for u in UNITS])
def test_systemd_unit_commands_resolve(unit, cluster, tmp_path, nginx_binary, production_tasks):
    seen = []
    for argv in exec_lines(unit):
        program, rest = argv[0], argv[1:]
        if program.endswith("/.venv/bin/python"):
            seen.append(check_python(rest))
            if seen[-1] == "nginx_config":
                generate_and_test(rest[2:], tmp_path, nginx_binary)
        elif program == "/usr/sbin/nginx":  # Debian's path; its -t run is the one above
            seen.append("nginx")
        else:
            assert program == "/bin/kill", argv
    assert seen, f"{unit.name} starts nothing"


def test_compose_services_commands_resolve(cluster, tmp_path, nginx_binary, production_tasks):
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "es", "redis", "web", "worker", "nginx", "nginx-config"} <= set(services)
    app_services = [name for name, s in services.items() if s.get("image") == "jiyue:latest"]
    assert set(app_services) >= {"web", "worker", "migrate", "nginx-config"}
    for name in app_services:
        command = services[name]["command"]
        steps = (
            [shlex.split(step) for step in command[2].split("&&")]
            if command[:2] == ["sh", "-c"]
            else [command]
        )
        for argv in steps:
            assert argv[0] == "python", (name, argv)
            if check_python(argv[1:]) == "nginx_config":
                generate_and_test(argv[3:], tmp_path, nginx_binary)
    assert services["nginx"]["command"][:3] == ["nginx", "-c", "/etc/jiyue-nginx/nginx.conf"]


def compose_environment() -> dict[str, str]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    values = {"DJANGO_SECRET_KEY": TEST_SECRET, "DJANGO_ALLOWED_HOSTS": ".changhe.gov.cn"}
    values["POSTGRES_PASSWORD"] = "pw"

    def interpolate(text: str) -> str:
        def one(match: re.Match) -> str:
            name, default = match.group(1), match.group(3) or ""
            return values.get(name, default if match.group(2) == ":-" else "")

        return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, str(text))

    return {k: interpolate(v) for k, v in compose["services"]["web"]["environment"].items()}


PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'cache': s.CACHES['default']['BACKEND'], 'search': s.JIYUE_SEARCH_ENGINE, "
    "'hosts': s.ALLOWED_HOSTS, 'media': str(s.MEDIA_ROOT), 'debug': s.DEBUG, "
    "'proxies': s.JIYUE_TRUSTED_PROXY_COUNT}))"
)


def load_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JIYUE_"))}
    base.pop("DATABASE_URL", None)
    base.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("source", ["systemd", "compose"])
def test_deploy_environment_loads_production_settings(source):
    env = env_example() if source == "systemd" else compose_environment()
    result = load_production(env)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["search"] == "search.engines.elasticsearch.ElasticsearchEngine"
    assert loaded["media"] == "/var/lib/jiyue/media"
    assert loaded["hosts"] == [".changhe.gov.cn"] and loaded["debug"] is False
    assert loaded["proxies"] == 1


def test_production_settings_fail_closed_without_the_secret():
    env = env_example()
    env["DJANGO_SECRET_KEY"] = ""  # as shipped in the example
    result = load_production(env)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
