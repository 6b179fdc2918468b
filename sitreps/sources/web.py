"""Fetch http(s) URLs with the standard library; no other network use anywhere in sitreps."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from sitreps.errors import SourceError
from sitreps.sources.base import PDF_SIZE_FACTOR, Payload, SourceOptions, human_size


@dataclass(frozen=True, kw_only=True)
class Fetched:
    payload: Payload
    media_type: str


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def fetch(url: str, options: SourceOptions, *, origin: str | None = None) -> Fetched:
    """The body of ``url``, its media type and declared charset.

    At most ``max_bytes`` times ``PDF_SIZE_FACTOR`` is downloaded (a PDF may be
    that big); each reader then applies its own limit to what it got.
    """
    limit = options.max_bytes * PDF_SIZE_FACTOR
    origin = origin or url
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent})
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:  # noqa: S310 (http(s) only)
            body = response.read(limit + 1)
            final_url = response.geturl() or url
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise SourceError(origin, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise SourceError(origin, f"cannot fetch: {exc.reason}") from exc
    except (OSError, ValueError) as exc:
        raise SourceError(origin, f"cannot fetch: {exc}") from exc
    if len(body) > limit:
        raise SourceError(origin, f"is larger than the {human_size(limit)} download limit "
                                  "(raise it with --max-mb)")
    return Fetched(payload=Payload(origin=origin, data=body, url=final_url, charset=charset),
                   media_type=content_type)
