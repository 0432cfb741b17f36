"""Fetching from the web, bounded: a deadline per request, a few retries with backoff, a size limit.

urllib is imported when a page is fetched, not when a config is loaded: a briefing
of local files, or one skipped as up to date, does not pay for it.
"""

from __future__ import annotations

import functools
import time
import zlib
from dataclasses import dataclass

from briefing import __version__
from briefing.errors import InputError
from briefing.model import Limits

USER_AGENT = f"briefing/{__version__} (official-text briefing generator; Python urllib)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
BACKOFF = 0.5  # seconds before the first retry; doubled before each next one
_CHUNK = 64 * 1024
_PERMANENT = {400, 401, 403, 404, 405, 410, 451}


@dataclass(frozen=True)
class Page:
    """What a URL answered: its bytes and what the server said about them."""

    url: str  # where the bytes came from, after redirects
    body: bytes
    content_type: str
    charset: str | None  # as the Content-Type header names it


class _Transient(Exception):
    """A failure worth another try (the reason is the message; kind and detail as a SourceFailure has them)."""

    def __init__(self, reason: str, kind: str = "connect", detail: str = ""):
        super().__init__(reason)
        self.kind, self.detail = kind, detail


def failed(url: str, problem: str, fix: str, kind: str, detail: str = "") -> InputError:
    """An InputError that also says, in no language, what kind of failure it is (SourceFailure.kind, .detail):
    the command line prints the English line, a briefing words the kind in its own language."""
    error = InputError(url, problem, fix)
    error.kind, error.detail = kind, detail
    return error


def fetch(url: str, limits: Limits, named: str | None = None) -> Page:
    """GET a URL within the limits; a failure after the last try is an InputError naming the URL.

    `named` is the address the user named in the config (the URL itself when None; a feed's address for its
    items): only its host and port may be on this machine or its network (see check_reach)."""
    named = url if named is None else named
    check_reach(url, named)
    for attempt in range(limits.retries + 1):
        try:
            return _get(url, limits, named)
        except _Transient as exc:
            if attempt == limits.retries:
                tries = f" (after {attempt + 1} tries)" if attempt else ""
                raise failed(url, f"{exc}{tries}", "check the address, or raise timeout:/retries: for it", exc.kind,
                             exc.detail) from None
            time.sleep(BACKOFF * 2 ** attempt)
    raise AssertionError("unreachable")


@functools.lru_cache(maxsize=1)
def _opener():
    import urllib.request

    class WebOnly(urllib.request.HTTPRedirectHandler):
        """Redirects are followed to http and https addresses only (urllib would follow one to ftp too), and
        to this machine or its network only where the user named (check_reach)."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not newurl.lower().startswith(("http://", "https://")):
                raise failed(req.full_url, f"redirected to a non-web address ({newurl[:80]})", "check the address",
                             "refused")
            named = getattr(req, "named", req.full_url)
            check_reach(newurl, named)
            request = super().redirect_request(req, fp, code, msg, headers, newurl)
            if request is not None:
                request.named = named
            return request

    return urllib.request.build_opener(WebOnly)


def _get(url: str, limits: Limits, named: str) -> Page:
    import http.client
    import socket
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + limits.timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT,
                                                   "Accept-Encoding": "gzip, deflate"})
    request.named = named
    try:
        with _opener().open(request, timeout=limits.timeout) as response:
            headers = response.headers
            _check_length(headers, url, limits)
            body = _read(response, headers.get("Content-Encoding", ""), deadline, limits)
            return Page(response.geturl(), body, headers.get_content_type(), headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        reason = f"HTTP {exc.code} {exc.reason}"
        if exc.code in _PERMANENT or 400 <= exc.code < 500 and exc.code != 429:
            raise failed(url, reason, "check the address", "http", str(exc.code)) from None
        raise _Transient(reason, "http", str(exc.code)) from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"no answer within {limits.timeout:g} s", "timeout", f"{limits.timeout:g}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _Transient(f"no answer within {limits.timeout:g} s", "timeout", f"{limits.timeout:g}") from None
        raise _Transient(f"cannot connect: {exc.reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Transient(f"the connection failed: {exc or type(exc).__name__}") from None


def check_reach(url: str, named: str) -> None:
    """Refuse an address on this machine or its network (loopback, private, link-local, unique-local) that the
    user did not name: a page or feed from the web may link to http://127.0.0.1:8080/admin or to the cloud's
    169.254.169.254, and fetching it would reach what only this machine can. The host and port of `named`
    (the address written in the config) are the user's to reach, wherever they are; everything else must
    resolve to public addresses only."""
    from urllib.parse import urlsplit

    target = _endpoint(url)
    if target is None:
        return  # no host: urllib refuses it on its own
    host, port = target
    addresses = _addresses(host, port)
    origin = _endpoint(named) if "://" in named else None
    if origin is not None and origin[1] == port and (origin[0] == host or addresses & _addresses(*origin)):
        return
    private = sorted(a for a in addresses if _is_private(a))
    if private:
        shown = host if host == private[0] else f"{host} ({private[0]})"
        raise failed(url, f"{shown} is an address of this machine or its network, which a document from the "
                          f"web ({urlsplit(named).hostname or named}) may not make briefing fetch",
                     "name the page under sources: if it is meant to be read", "refused")


def _endpoint(url: str) -> tuple[str, int] | None:
    """The host (lower case) and port of a web address, or None."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return None
    return (parts.hostname.lower(), port) if parts.hostname else None


@functools.lru_cache(maxsize=256)
def _addresses(host: str, port: int) -> frozenset[str]:
    """The IP addresses a host resolves to (none when it does not: the fetch then fails on its own)."""
    import socket

    try:
        return frozenset(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return frozenset()


def _is_private(address: str) -> bool:
    """Not a public address: loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16), link-local
    (169.254/16, fe80::/10), unique-local (fc00::/7), shared (100.64/10), unspecified, multicast or reserved;
    an IPv4 address inside IPv6 as itself."""
    import ipaddress

    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _check_length(headers, url: str, limits: Limits) -> None:
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise failed(url, f"the page is {_mb(int(length))}, over the {_mb(limits.max_bytes)} limit",
                     "raise max_mb: for this source if it is really needed", "too_large", _mb(limits.max_bytes))


def _read(response, encoding: str, deadline: float, limits: Limits) -> bytes:
    """The body, decompressed, refused past max_bytes and cut off at the deadline (a server that
    trickles bytes never trips a socket timeout)."""
    encoding = encoding.strip().lower()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS) \
        if encoding in ("gzip", "x-gzip", "deflate") else None
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _Transient(f"the page did not arrive within {limits.timeout:g} s", "timeout", f"{limits.timeout:g}")
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, limits.max_bytes + 1 - size)
        size += len(chunk)
        if size > limits.max_bytes:
            raise failed(response.geturl(), f"the page is over the {_mb(limits.max_bytes)} limit",
                         "raise max_mb: for this source if it is really needed", "too_large", _mb(limits.max_bytes))
        parts.append(chunk)
    return b"".join(parts)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")
