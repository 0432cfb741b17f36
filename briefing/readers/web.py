"""Fetching from the web, bounded: a deadline per request, a few retries with backoff, a size limit.

A page is decoded by the charset its HTTP header names, then its own <meta>, then
detection; a declaration the bytes contradict (ISO-8859-1 over GB18030 or UTF-8
bytes, a common lie of older Chinese sites) loses to the bytes, and the Document
records the correction.
"""

from __future__ import annotations

import codecs
import http.client
import re
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from briefing import __version__
from briefing.errors import InputError
from briefing.text import CJK

USER_AGENT = f"briefing/{__version__} (official-text briefing generator; Python urllib)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
BACKOFF = 0.5  # seconds before the first retry; doubled before each next one
_CHUNK = 64 * 1024
_PERMANENT = {400, 401, 403, 404, 405, 410, 451}


@dataclass(frozen=True)
class Limits:
    """How long, how often and how much one source may be fetched."""

    timeout: float = 20.0  # seconds for a whole request: connecting, waiting and reading
    retries: int = 2  # further tries after a timeout, a lost connection, a 429 or a 5xx
    max_bytes: int = 10 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """What a URL answered: its bytes and what the server said about them."""

    url: str  # where the bytes came from, after redirects
    body: bytes
    content_type: str
    charset: str | None  # as the Content-Type header names it


class _Transient(Exception):
    """A failure worth another try (the reason is the message)."""


class _WebOnly(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http and https addresses only (urllib would follow one to ftp too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise InputError(req.full_url, f"redirected to a non-web address ({newurl[:80]})", "check the address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnly)


def fetch(url: str, limits: Limits) -> Page:
    """GET a URL within the limits; a failure after the last try is an InputError naming the URL."""
    for attempt in range(limits.retries + 1):
        try:
            return _get(url, limits)
        except _Transient as exc:
            if attempt == limits.retries:
                tries = f" (after {attempt + 1} tries)" if attempt else ""
                raise InputError(url, f"{exc}{tries}", "check the address, or raise timeout:/retries: for it") from None
            time.sleep(BACKOFF * 2 ** attempt)
    raise AssertionError("unreachable")


def _get(url: str, limits: Limits) -> Page:
    deadline = time.monotonic() + limits.timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT,
                                                   "Accept-Encoding": "gzip, deflate"})
    try:
        with _OPENER.open(request, timeout=limits.timeout) as response:
            headers: Message = response.headers
            _check_length(headers, url, limits)
            body = _read(response, headers.get("Content-Encoding", ""), deadline, limits)
            return Page(response.geturl(), body, headers.get_content_type(), headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        reason = f"HTTP {exc.code} {exc.reason}"
        if exc.code in _PERMANENT or 400 <= exc.code < 500 and exc.code != 429:
            raise InputError(url, reason, "check the address") from None
        raise _Transient(reason) from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"no answer within {limits.timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _Transient(f"no answer within {limits.timeout:g} s") from None
        raise _Transient(f"cannot connect: {exc.reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Transient(f"the connection failed: {exc or type(exc).__name__}") from None


def _check_length(headers: Message, url: str, limits: Limits) -> None:
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise InputError(url, f"the page is {_mb(int(length))}, over the {_mb(limits.max_bytes)} limit",
                         "raise max_mb: for this source if it is really needed")


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
            raise _Transient(f"the page did not arrive within {limits.timeout:g} s")
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, limits.max_bytes + 1 - size)
        size += len(chunk)
        if size > limits.max_bytes:
            raise InputError(response.geturl(), f"the page is over the {_mb(limits.max_bytes)} limit",
                             "raise max_mb: for this source if it is really needed")
        parts.append(chunk)
    return b"".join(parts)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


# ---- charsets -------------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SINGLE_BYTE = {"cp1252", "ascii", "iso8859-15", "cp1250", "iso8859-2"}  # Western and Central European


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used
    declared: str | None  # what the header or the page said, when the bytes overruled it


def declared_charset(raw: bytes) -> str | None:
    """The charset a page names for itself: <meta charset>, <meta http-equiv … charset=>, or <?xml encoding>."""
    head = raw[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_page(raw: bytes, name: str, header_charset: str | None = None) -> Decoded:
    """Decode a page: the HTTP header's charset, then the page's own, then detection; bytes win over a
    declaration they contradict. Undecodable bytes are an InputError."""
    if not raw.strip():
        raise InputError(name, "the page is empty", "check the address or the file")
    declared = [c for c in (_codec(header_charset), _codec(declared_charset(raw))) if c]
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom) and _strict(raw, codec) is not None:
            return Decoded(raw.decode(codec), codec.removesuffix("-sig"), _overruled(declared, codec.removesuffix("-sig")))
    if raw.isascii():
        return Decoded(raw.decode("ascii"), declared[0] if declared else "utf-8", None)
    if _is_utf8(raw):
        return Decoded(raw.decode("utf-8"), "utf-8", _overruled(declared, "utf-8"))
    for codec in dict.fromkeys(declared):
        text = _strict(raw, codec)
        if text is not None and not (codec in _SINGLE_BYTE and _looks_chinese(raw)):
            return Decoded(text, codec, None)
    detected = _detect(raw)
    if detected is None:
        raise InputError(name, "cannot tell the page's character set"
                         + (f" (it says {declared[0]}, which does not fit its bytes)" if declared else ""),
                         "save it as UTF-8")
    text, codec = detected
    return Decoded(text, codec, _overruled(declared, codec))


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gbk", "gb2312"):
        return "gb18030"  # a superset: pages labelled GB2312 use GBK characters all the time
    return "cp1252" if name in ("latin-1", "iso8859-1") else name  # as browsers read "iso-8859-1"


def _overruled(declared: list[str], used: str) -> str | None:
    first = declared[0] if declared else None
    return first if first and first not in (used, "ascii") else None


def _is_utf8(raw: bytes) -> bool:
    """Valid UTF-8. With non-ASCII bytes this is near proof: legacy Chinese or Latin text almost never is."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_chinese(raw: bytes) -> bool:
    """Bytes that read as GB18030 Chinese: a Latin-1 declaration over them is wrong."""
    text = _strict(raw, "gb18030")
    if text is None:
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    return len(wide) >= 2 and len(CJK.findall(text)) >= 0.6 * len(wide)


def _detect(raw: bytes) -> tuple[str, str] | None:
    if _looks_chinese(raw):
        return raw.decode("gb18030"), "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    return str(best), _codec(best.encoding) or best.encoding
