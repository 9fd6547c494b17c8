"""Loading: encodings and line ends give the same result; bad input gives a one-line DocumentError."""
from __future__ import annotations

import hashlib

import pytest
from conftest import SEED, SEED_SHA256

from unzh.errors import DocumentError
from unzh.text.load import load_document
from unzh.text.structure import paragraph_table

TEXT = "第六十一届会议 \n\n 强调应打击非法贩运移徙者和贩卖人口，于 7\n\n月 25 日举行。 \n\n"


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("utf-8", b"", "\r\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("gb18030", b"", "\n"),
    ("gbk", b"", "\r\n"),
    ("gb2312", b"", "\n"),
])
def test_encodings_and_line_ends_give_the_same_text(tmp_path, encoding, bom, newline):
    data = bom + TEXT.replace("\n", newline).encode(encoding)
    doc = load_document(_write(tmp_path, "doc.txt", data))
    assert doc.text == TEXT
    assert doc.encoding in ({"utf-8": "utf-8-sig" if bom else "utf-8"}.get(encoding, "gb18030"),)


def test_seed_in_every_encoding_gives_the_same_paragraph_table(tmp_path):
    text = SEED.read_bytes().decode("utf-8")
    reference = paragraph_table("x", text)
    for i, data in enumerate([b"\xef\xbb\xbf" + text.encode("utf-8"),
                              text.replace("\n", "\r\n").encode("gb18030"),
                              text.encode("gb18030")]):
        doc = load_document(_write(tmp_path, f"seed{i}.txt", data))
        got = paragraph_table("x", doc.text)
        assert got.drop(columns=[]).equals(reference)


def test_seed_is_unmodified_and_hashed():
    doc = load_document(SEED)
    assert doc.sha256 == SEED_SHA256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert doc.doc_id == "000_c6292b922524f64f"
    assert doc.metadata["date"] == "2006-10-05"
    assert doc.metadata["symbol"] is None  # the text gives no symbol: none invented
    assert doc.metadata["original_languages"] == ["en", "es"]


@pytest.mark.parametrize("data,problem", [
    (b"", "empty file"),
    (b"   \n\n \r\n", "empty file"),
    (b"\x00\x01\x02PK\x03\x04" + bytes(range(256)), "binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"\x80\x80\x80abc\xff", "cannot be decoded"),
    ("cp1252 text: caf\u00e9 na\u00efve".encode("cp1252"), "cannot be decoded"),
    (b"latin-1 bytes that GB18030 reads as symbols only: \xa1\xa2\xa1\xa3", "wrong encoding"),
])
def test_bad_input_is_one_line_naming_the_file(tmp_path, data, problem):
    p = _write(tmp_path, "bad.txt", data)
    with pytest.raises(DocumentError) as exc:
        load_document(p)
    msg = str(exc.value)
    assert msg.startswith(str(p) + ": ")
    assert problem in msg
    assert "\n" not in msg
    assert sorted(x.name for x in tmp_path.iterdir()) == ["bad.txt"]  # nothing written


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(tmp_path)


def test_bad_metadata_json_is_reported(tmp_path):
    p = _write(tmp_path, "d.txt", "移徙者。".encode())
    (tmp_path / "d.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"d\.meta\.json: metadata is not valid JSON"):
        load_document(p)
