"""Read a plan file into text, refusing what is not a plan with a clear reason.

Real inputs arrive as UTF-8 (most), UTF-8 with BOM, UTF-16 (Word exports) or the legacy
Vietnamese code page Windows-1258 (combining tone marks). We decode strictly in that order
and never guess silently: a file that decodes in none of them is an InputError. Binary
files (NUL bytes outside UTF-16) and empty files are refused too.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cchc_kg.graph.errors import InputError

MAX_BYTES = 16 * 1024 * 1024  # a real plan is ~50 kB; anything this big is not one plan
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def decode(data: bytes, *, path: str = "<bytes>") -> str:
    """Decode bytes of a plan into NFC text, or raise InputError saying why not."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 ({exc.reason})") from exc
    elif b"\x00" in data[:4096]:
        # UTF-16 without BOM shows NUL in every other byte; anything else is binary.
        even, odd = data[0:4096:2], data[1:4096:2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
            text = _try(data, "utf-16-le", path)
        elif even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
            text = _try(data, "utf-16-be", path)
        else:
            raise InputError(path, "binary file (contains NUL bytes), not a text document")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _try(data, "cp1258", path)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(path, "empty document (only white space)")
    if _control_ratio(text) > 0.05:
        raise InputError(path, "binary file (too many control characters), not a text document")
    return text


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode one file; raise InputError for unreadable, oversized or non-text files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"file too large ({size:,} bytes > {max_bytes:,})")
        data = path.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    return decode(data, path=str(path))


def _try(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"unknown encoding (not UTF-8, UTF-16 or Windows-1258: {exc.reason})") from exc


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    return bad / max(1, len(sample))
