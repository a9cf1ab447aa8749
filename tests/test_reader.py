"""Bad input gets a clear error: empty, binary, other encodings, oversized, unreadable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cchc_kg.graph.errors import InputError
from cchc_kg.graph.ingest.reader import decode, read_document

TEXT = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\nỦy ban nhân dân phường"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with BOM
        (TEXT.encode("utf-16-le"), TEXT),  # no BOM
        (TEXT.encode("utf-16-be"), TEXT),
    ],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_decodes_windows_1258_with_combining_tone_marks() -> None:
    # Windows-1258 stores tone marks as separate combining characters; NFC recomposes them.
    decomposed = "Quyê\u0301t đi\u0323nh sô\u0301 282/QĐ-TTg"
    data = decomposed.encode("cp1258")
    assert decode(data) == "Quyết định số 282/QĐ-TTg"


def test_crlf_is_normalised() -> None:
    assert decode(b"a\r\nb\rc") == "a\nb\nc"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_refuses_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, path="x.txt")


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    with pytest.raises(InputError, match="too large"):
        read_document(big)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(TEXT, encoding="utf-8")
    p.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_document(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


def test_directory_given_as_file(tmp_path: Path) -> None:
    d = tmp_path / "looks-like-a-file.txt"
    d.mkdir()
    with pytest.raises(InputError, match="cannot read"):
        read_document(d)
