"""The zip writer of the Word files: every member deflated at zlib's fastest level, and a big member that
another file of this process had, byte for byte, written from the deflated bytes kept of it.

A Word file's bulk is its embedded fonts and charts, compressed already (deflate gains 3-35% on them at any
level), and its styles, which level 1 still shrinks 17 to 1: level 1 takes a quarter to a half less time than
the default level, for 2-9% more bytes. Many audiences of a few templates share most of those members (one
template's styles, the same charts, the same font subsets for the same text): deflating one member of 400 KB
costs 1-2 ms, and a build of 100 audiences deflated the same megabytes a hundred times.

The kept members are bounded (MEMO_BYTES in all, the oldest dropped first), and a member is taken from them
only when its bytes are equal to the kept ones: the file written is the same, byte for byte, as without them.
Writing deflated bytes as they are uses zipfile's own header (ZipInfo.FileHeader) and the writer's place in
the archive; a zipfile without them deflates every member itself.
"""

from __future__ import annotations

import time
import zipfile
import zlib
from collections import OrderedDict
from typing import IO

LEVEL = 1  # zlib's fastest
MEMO_MIN = 16 * 1024  # a smaller member costs less to deflate than to look up
MEMO_BYTES = 32 * 2 ** 20  # the members kept, deflated and as they are, at most this many bytes in all

_kept: OrderedDict[tuple[str, int, int], tuple[bytes, bytes]] = OrderedDict()  # (name, size, crc) -> (data, deflated)
_kept_bytes = 0
_RAW = hasattr(zipfile.ZipInfo, "FileHeader")


class PackageZip:
    """The physical writer python-docx's PackageWriter writes through: write a member, close."""

    def __init__(self, out: str | IO[bytes]):
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL)
        self._raw = _RAW and _writable_raw(self._zip)  # whether a member can be written from its deflated bytes

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if len(blob) < MEMO_MIN or not self._raw:
            self._zip.writestr(name, blob)
            return
        crc = zlib.crc32(blob)
        _write_deflated(self._zip, name, blob, crc, _deflated(name, blob, crc))

    def close(self) -> None:
        self._zip.close()


def _deflated(name: str, blob: bytes, crc: int) -> bytes:
    """The member deflated at LEVEL, as zipfile deflates it: kept from a file before when it is the same."""
    global _kept_bytes
    key = (name, len(blob), crc)
    kept = _kept.get(key)
    if kept is not None and kept[0] == blob:
        _kept.move_to_end(key)
        return kept[1]
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    deflated = packer.compress(blob) + packer.flush()
    if kept is not None:
        _kept_bytes -= len(kept[0]) + len(kept[1])
    _kept[key] = (blob, deflated)
    _kept_bytes += len(blob) + len(deflated)
    while _kept_bytes > MEMO_BYTES and _kept:
        _, (old, old_deflated) = _kept.popitem(last=False)
        _kept_bytes -= len(old) + len(old_deflated)
    return deflated


def _writable_raw(archive: zipfile.ZipFile) -> bool:
    """Whether this zipfile keeps the state a member written as it is must update (CPython 3.8 to 3.13 do), on
    a file it can seek in (a stream gets zipfile's own writing, with its data descriptors)."""
    state = ("fp", "start_dir", "filelist", "NameToInfo", "_lock", "_writing")
    return all(hasattr(archive, name) for name in state) and getattr(archive, "_seekable", False)


def _write_deflated(archive: zipfile.ZipFile, name: str, blob: bytes, crc: int, deflated: bytes) -> None:
    """A member whose deflated bytes are known, with the header and the entry writestr would give it."""
    member = zipfile.ZipInfo(filename=name, date_time=time.localtime(time.time())[:6])
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o600 << 16  # ?rw-------, as writestr gives a file
    member.file_size = len(blob)
    member.compress_size = len(deflated)
    member.CRC = crc
    with archive._lock:
        if archive._writing:
            raise ValueError("Can't write to ZIP archive while an open writing handle exists.")
        archive.fp.seek(archive.start_dir)
        member.header_offset = archive.start_dir
        archive.fp.write(member.FileHeader(zip64=False))
        archive.fp.write(deflated)
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(member)
        archive.NameToInfo[member.filename] = member
        archive._didModify = True
