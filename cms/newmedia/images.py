"""Images for WeChat (STANDARDS.md §6): body images re-hosted through uploadimg (jpg/png under
1 MB) and the cover uploaded as a thumb (JPG of at most 64 KB), each uploaded once per account
(`RemoteImage` is the cache). Images that cannot be made to fit are left out, as WeChat would."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.newmedia.models import Account, RemoteImage
from cms.newmedia.render import body_images, image_key
from cms.newmedia.wechat_client import WeChatClient

BODY_IMAGE_MAX_BYTES = 1024 * 1024
THUMB_MAX_BYTES = 64 * 1024
DEFAULT_COVER_KEY = "thumb:default"
# The red of the gov-red theme: a plain cover when the item has no picture.
DEFAULT_COVER_COLOUR = (178, 34, 34)


def _jpeg(source: PILImage.Image, max_bytes: int, max_side: int) -> bytes | None:
    picture = source.convert("RGB")
    side = max_side
    while side >= 200:
        candidate = picture.copy()
        candidate.thumbnail((side, side))
        for quality in (85, 70, 55, 40):
            buffer = io.BytesIO()
            candidate.save(buffer, "JPEG", quality=quality, optimize=True)
            if buffer.tell() < max_bytes:
                return buffer.getvalue()
        side //= 2
    return None


def _open(image) -> PILImage.Image | None:
    try:
        with image.open_file() as handle:
            picture = PILImage.open(io.BytesIO(handle.read()))
            picture.load()
            return picture
    except (OSError, ValueError):
        return None


def _cached(account: Account, key: str) -> RemoteImage | None:
    return RemoteImage.objects.filter(account=account, key=key).first()


def rehost_body_images(client: WeChatClient, page) -> dict[str, str]:
    """{image key: WeChat URL} for the page's body images, uploading the ones not cached."""
    account = client.account
    images = get_image_model().objects.in_bulk(body_images(page))
    hosted: dict[str, str] = {}
    for image_id, image in images.items():
        key = image_key(image_id)
        cached = _cached(account, key)
        if cached is None:
            picture = _open(image)
            data = _jpeg(picture, BODY_IMAGE_MAX_BYTES, 1080) if picture else None
            if data is None:
                continue
            url = client.upload_image(data, f"image-{image_id}.jpg", "image/jpeg")
            cached, _ = RemoteImage.objects.get_or_create(
                account=account, key=key, defaults={"remote_url": url}
            )
        hosted[key] = cached.remote_url
    return hosted


def cover_media_id(client: WeChatClient, page) -> str:
    """The thumb media_id: the first body image as cover, else the account's plain cover."""
    account = client.account
    image_ids = body_images(page)
    image = get_image_model().objects.filter(pk__in=image_ids[:1]).first()
    key = f"thumb:{image_key(image.pk)}" if image else DEFAULT_COVER_KEY
    cached = _cached(account, key)
    if cached:
        return cached.media_id
    picture = _open(image) if image else None
    if picture is None:
        key = DEFAULT_COVER_KEY
        cached = _cached(account, key)
        if cached:
            return cached.media_id
        picture = PILImage.new("RGB", (900, 383), DEFAULT_COVER_COLOUR)
    data = _jpeg(picture, THUMB_MAX_BYTES, 900)
    if data is None:  # a plain colour always fits; an odd picture falls back to it
        data = _jpeg(PILImage.new("RGB", (900, 383), DEFAULT_COVER_COLOUR), THUMB_MAX_BYTES, 900)
        key = DEFAULT_COVER_KEY
    media_id = client.add_thumb(data or b"")
    cached, _ = RemoteImage.objects.get_or_create(
        account=account, key=key, defaults={"media_id": media_id}
    )
    return cached.media_id
