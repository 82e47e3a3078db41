"""`python manage.py nginx_config`: write the nginx configuration that serves the static tree of
every site of the cluster and proxies the rest to Django (cms/deployment/nginx.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cms.deployment.nginx import NginxOptions, render_config, runtime_dirs, static_root


class Command(BaseCommand):
    help = "生成 nginx 配置：按站点主机名直接提供静态文件树，其余请求转发给 Django。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", help="写入的文件（默认输出到标准输出）")
        parser.add_argument(
            "--upstream",
            action="append",
            help="Django（gunicorn）地址 主机:端口 或 unix:路径；可重复以列出多台 Web 服务器"
            "（默认 127.0.0.1:8000）",
        )
        parser.add_argument("--root", help="静态文件树根目录（默认 JIYUE_STATIC_ROOT）")
        parser.add_argument("--host", action="append", help="只生成这些主机名（默认站群全部站点）")
        parser.add_argument("--listen", type=int, default=80, help="HTTP 端口（默认 80）")
        parser.add_argument(
            "--runtime-dir", help="pid、日志与临时文件目录（默认 静态树根目录旁的 nginx/）"
        )
        parser.add_argument("--user", help="nginx 工作进程用户（以 root 启动时，例如 www-data）")
        parser.add_argument("--access-log", help="访问日志路径，或 off（默认 运行目录/access.log）")
        parser.add_argument("--media-root", help="图片缩略图所在的 MEDIA_ROOT（默认取设置）")
        parser.add_argument(
            "--html-max-age", type=int, default=60, help="页面 Cache-Control max-age 秒数"
        )
        parser.add_argument(
            "--brotli",
            choices=["auto", "on", "off"],
            default="auto",
            help="提供 .br 预压缩文件（需 brotli_static 模块；auto：本机已安装时开启）",
        )
        parser.add_argument(
            "--tls-cert-dir",
            help="证书目录（<主机名>.crt 与 <主机名>.key）：启用 HTTPS，HTTP 一律跳转",
        )
        parser.add_argument("--tls-listen", type=int, default=443, help="HTTPS 端口（默认 443）")
        parser.add_argument(
            "--trust-forwarded-proto",
            action="store_true",
            help="HTTPS 已在前置负载均衡终结：信任其 X-Forwarded-Proto",
        )
        parser.add_argument("--worker-processes", default="auto")

    def handle(self, *args, **options) -> None:
        for port in (options["listen"], options["tls_listen"]):
            if not 0 < port < 65536:
                raise CommandError(f"端口超出范围：{port}")
        if options["html_max_age"] < 0:
            raise CommandError("--html-max-age 不能为负数")
        root = Path(options["root"]).resolve() if options["root"] else static_root()
        nginx = NginxOptions(
            # Repeated or comma-separated (one systemd variable can list every web machine).
            upstreams=[
                address.strip()
                for value in options["upstream"] or ["127.0.0.1:8000"]
                for address in value.split(",")
                if address.strip()
            ],
            root=root,
            hosts=options["host"] or (),
            listen=options["listen"],
            runtime_dir=Path(options["runtime_dir"]).resolve() if options["runtime_dir"] else None,
            user=options["user"],
            access_log=options["access_log"],
            media_root=Path(options["media_root"]).resolve() if options["media_root"] else None,
            html_max_age=options["html_max_age"],
            brotli={"auto": None, "on": True, "off": False}[options["brotli"]],
            tls_cert_dir=Path(options["tls_cert_dir"]).resolve()
            if options["tls_cert_dir"]
            else None,
            tls_listen=options["tls_listen"],
            trust_forwarded_proto=options["trust_forwarded_proto"],
            worker_processes=options["worker_processes"],
        )
        try:
            text = render_config(nginx)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except DatabaseError:
            raise CommandError(
                "无法读取站点列表：数据库不可用或尚未迁移（python manage.py migrate）"
            ) from None
        if not nginx.hosts:
            raise CommandError("站群中还没有站点：请先用 create_site 创建站点")
        if not options["output"]:
            sys.stdout.write(text)
            return
        output = Path(options["output"])
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"无法写入 {output}：{error.strerror}") from None
        # nginx creates its temp folders but not the one holding its pid and logs.
        for directory in runtime_dirs(nginx):
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError:
                break
        self.stdout.write(f"已写入 {output}（{len(nginx.hosts)} 个站点，静态树 {root}）")
