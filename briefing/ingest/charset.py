"""Character sets of pages: the HTTP header's, then the page's own <meta>, then detection.

A declaration the bytes contradict (ISO-8859-1 over GB18030 or UTF-8 bytes, a common
lie of older Chinese sites) loses to the bytes, and the Document records the correction.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.languages.common import CJK
from briefing.patterns import lazy

_META_CHARSET = lazy(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = lazy(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
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
    wide = sum(ord(ch) > 127 for ch in text)
    return wide >= 2 and _mostly_han(text, wide)


def _mostly_han(text: str, wide: int) -> bool:
    return len(CJK.findall(text)) >= 0.6 * wide


def plausibly_chinese(text: str) -> bool:
    """A GB18030 reading that is Chinese text: most characters beyond ASCII are Chinese characters, and none is
    glued between Latin letters. Almost any bytes decode as GB18030, so Latin-1 "Région" reads "R間ion"."""
    wide = sum(ord(ch) > 127 for ch in text)
    return wide == 0 or _mostly_han(text, wide) and not _LATIN_NEIGHBOURS.search(text)


# A Chinese character glued between two Latin letters ("R間ion", "Gr靶e"): a Latin byte read as half of GB18030.
_LATIN_NEIGHBOURS = lazy(r"[A-Za-z][\u3400-\u9fff][a-z]")


def _detect(raw: bytes) -> tuple[str, str] | None:
    if _looks_chinese(raw):
        return raw.decode("gb18030"), "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    return str(best), _codec(best.encoding) or best.encoding
