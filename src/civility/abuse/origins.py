"""Origins (``scheme://host[:port]``), as browsers send them in the ``Origin`` header.

One spelling for every comparison: the widget's sites (embed/models.py), the
pages an article may be created for (embed/articles.py), and the posting
service's check of who sent a JSON post (posting/steps.py ``cross_site``).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def normalise_origin(value: str) -> str:
    """``scheme://host[:port]`` in lower case, as browsers send ``Origin``.

    A default port is dropped (https://x:443 is sent as https://x). Raises
    ValueError for anything that is not an http(s) origin.
    """
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an origin like https://news.example.com: {value!r}")
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username:
        raise ValueError(f"an origin has no path, query or user: {value!r}")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port and (parts.scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    return f"{parts.scheme}://{host}"


def origin_of(url: str) -> str:
    """The origin a page URL belongs to (``https://x.example/a?b`` → ``https://x.example``)."""
    parts = urlsplit(url)
    return normalise_origin(f"{parts.scheme}://{parts.netloc}")
