"""A fake WeChat Official Account API following STANDARDS.md §6: stable_token (tokens expire and
can be revoked), uploadimg (jpg/png < 1 MB), add_material thumb (≤ 64 KB JPG), draft/add with the
article limits, asynchronous freepublish (submit → get: in progress, then published or failed
review; the draft leaves the draft box once published), batchget and delete. Faults: "busy" (-1),
"token" (42001), "quota" (45009), "invalid" (45166, a content error), plus the server's "timeout" and "500". `posts` counts
publications per canonical URL: the tests' proof that nothing is posted twice."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any

from tests.fakes.server import FakeServer, Request

LIMITS = {"title": (32, 45003), "author": (16, 45110), "digest": (128, 45004)}
CONTENT_LIMIT = 20_000
OK = {"errcode": 0, "errmsg": "ok"}


def error(code: int, message: str) -> tuple[int, dict[str, Any]]:
    return 200, {"errcode": code, "errmsg": message}


class FakeWeChat(FakeServer):
    def __init__(self, credentials: dict[str, str] | None = None) -> None:
        super().__init__()
        self.credentials = dict(credentials or {})
        self.tokens: dict[str, float] = {}
        self.token_requests = 0
        self.ids = itertools.count(1)
        self.images: dict[str, bytes] = {}
        self.thumbs: dict[str, bytes] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        self.jobs: dict[str, dict[str, Any]] = {}
        self.articles: dict[str, dict[str, Any]] = {}
        self.deleted: list[str] = []
        self.posts: Counter = Counter()
        # How many freepublish/get answers say "in progress" before the result; URLs whose
        # publication fails review (publish_status 4).
        self.publish_polls = 0
        self.reject_review: set[str] = set()

    def routes(self) -> dict[str, Any]:
        return {
            "/cgi-bin/stable_token": self.stable_token,
            "/cgi-bin/media/uploadimg": self.authorised(self.uploadimg),
            "/cgi-bin/material/add_material": self.authorised(self.add_material),
            "/cgi-bin/draft/add": self.authorised(self.draft_add),
            "/cgi-bin/freepublish/submit": self.authorised(self.submit),
            "/cgi-bin/freepublish/get": self.authorised(self.get),
            "/cgi-bin/freepublish/batchget": self.authorised(self.batchget),
            "/cgi-bin/freepublish/delete": self.authorised(self.delete),
        }

    def platform_fault(self, name: str) -> tuple[int, dict[str, Any]]:
        return {
            "busy": error(-1, "system error"),
            "token": error(42001, "access_token expired"),
            "quota": error(45009, "reach max api daily quota limit"),
            "invalid": error(45166, "invalid content"),
        }[name]

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {t: 0.0 for t in self.tokens}

    # -- token -------------------------------------------------------------------------------
    def stable_token(self, request: Request):
        body = request.json()
        if body.get("grant_type") != "client_credential":
            return error(40002, "invalid grant_type")
        if self.credentials.get(body.get("appid")) != body.get("secret"):
            return error(40125, "invalid appsecret")
        self.token_requests += 1
        token = f"token-{next(self.ids)}"
        self.tokens[token] = time.time() + 7200
        return 200, {"access_token": token, "expires_in": 7200}

    def authorised(self, handler):
        def check(request: Request):
            token = request.query.get("access_token", "")
            if token not in self.tokens:
                return error(40001, "invalid credential, access_token is invalid or not latest")
            if self.tokens[token] < time.time():
                return error(42001, "access_token expired")
            return handler(request)

        return check

    # -- media -------------------------------------------------------------------------------
    def _media(self, request: Request, max_bytes: int, types: tuple[str, ...]):
        _name, _type, data = request.files().get("media", ("", "", b""))
        if not data:
            return None, error(41005, "media data missing")
        if not (data.startswith(b"\xff\xd8") or (b"png" in types and data.startswith(b"\x89PNG"))):
            return None, error(40005, "invalid file type")
        if len(data) > max_bytes:
            return None, error(40006, "invalid meida size")
        return data, None

    def uploadimg(self, request: Request):
        data, failure = self._media(request, 1024 * 1024 - 1, (b"jpg", b"png"))
        if failure:
            return failure
        url = f"http://mmbiz.qpic.cn/mmbiz_jpg/fake{next(self.ids)}/0"
        self.images[url] = data
        return 200, {"url": url}

    def add_material(self, request: Request):
        if request.query.get("type") != "thumb":
            return error(40004, "invalid media type")
        data, failure = self._media(request, 64 * 1024, (b"jpg",))
        if failure:
            return failure
        media_id = f"thumb-{next(self.ids)}"
        self.thumbs[media_id] = data
        return 200, {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/{media_id}"}

    # -- drafts and publishing ---------------------------------------------------------------
    def draft_add(self, request: Request):
        articles = request.json().get("articles") or []
        if len(articles) != 1:
            return error(40097, "invalid args")
        article = articles[0]
        for field, (limit, code) in LIMITS.items():
            if len(article.get(field, "")) > limit:
                return error(code, f"{field} size out of limit")
        content = article.get("content", "")
        if not content or len(content) >= CONTENT_LIMIT or "<script" in content.lower():
            return error(45002, "content size out of limit")
        if article.get("thumb_media_id") not in self.thumbs:
            return error(40007, "invalid media_id")
        if not article.get("content_source_url", "").startswith("http"):
            return error(45166, "invalid content_source_url")
        for url in _img_sources(content):
            if url not in self.images:
                return error(45166, "external image not allowed")
        media_id = f"draft-{next(self.ids)}"
        self.drafts[media_id] = article
        return 200, {"media_id": media_id}

    def submit(self, request: Request):
        media_id = request.json().get("media_id")
        if media_id not in self.drafts:
            return error(40007, "invalid media_id")
        publish_id = f"{next(self.ids)}00"
        self.jobs[publish_id] = {"media_id": media_id, "polls": self.publish_polls, "status": 1}
        return 200, {**OK, "publish_id": publish_id, "msg_data_id": next(self.ids)}

    def _advance(self, publish_id: str, *, finish: bool = False) -> dict[str, Any]:
        job = self.jobs[publish_id]
        if job["status"] != 1:
            return job
        if job["polls"] > 0 and not finish:
            job["polls"] -= 1
            return job
        article = self.drafts.get(job["media_id"])
        if article is None:
            job["status"] = 3
        elif article["content_source_url"] in self.reject_review:
            job["status"] = 4
        else:
            article_id = f"article-{next(self.ids)}"
            url = f"https://mp.weixin.qq.com/s/{article_id}"
            self.articles[article_id] = {**article, "url": url, "update_time": int(time.time())}
            self.posts[article["content_source_url"]] += 1
            del self.drafts[job["media_id"]]
            job.update(status=0, article_id=article_id, url=url)
        return job

    def get(self, request: Request):
        publish_id = str(request.json().get("publish_id"))
        if publish_id not in self.jobs:
            return error(40007, "invalid publish_id")
        job = self._advance(publish_id)
        answer: dict[str, Any] = {**OK, "publish_id": publish_id, "publish_status": job["status"]}
        if job["status"] == 0:
            answer["article_id"] = job["article_id"]
            answer["article_detail"] = {"count": 1, "item": [{"idx": 1, "article_url": job["url"]}]}
        elif job["status"] in (2, 3, 4):
            answer["fail_idx"] = [1]
        return 200, answer

    def batchget(self, request: Request):
        for publish_id in list(self.jobs):  # review finishes when the account is queried
            self._advance(publish_id, finish=True)
        body = request.json()
        offset, count = int(body.get("offset", 0)), min(int(body.get("count", 20)), 20)
        ordered = sorted(self.articles.items(), key=lambda kv: -kv[1]["update_time"])
        items = [
            {
                "article_id": article_id,
                "update_time": article["update_time"],
                "content": {
                    "news_item": [
                        {
                            "title": article["title"],
                            "url": article["url"],
                            "content_source_url": article["content_source_url"],
                        }
                    ]
                },
            }
            for article_id, article in ordered[offset : offset + count]
        ]
        return 200, {"total_count": len(ordered), "item_count": len(items), "item": items}

    def delete(self, request: Request):
        article_id = request.json().get("article_id")
        if article_id not in self.articles:
            return error(53600, "Article ID 无效")
        self.deleted.append(article_id)
        del self.articles[article_id]
        return 200, OK


def _img_sources(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [img.get("src", "") for img in BeautifulSoup(html, "html.parser").find_all("img")]
