"""Loading: encodings and line ends give the same result; bad input gives a one-line DocumentError."""
from __future__ import annotations

import hashlib
import os
import re
import socket
import threading

import pytest
from helpers import SEED, SEED_SHA256

from unzh.errors import DocumentError, InputError
from unzh.text import load
from unzh.text.load import (
    MAX_ID_BYTES,
    chinese_score,
    decode_bytes,
    doc_id_for,
    load_document,
    max_file_bytes,
    metadata_path,
    read_file_bytes,
)
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
    ("utf-8", b"", "\r"),
    ("gb18030", b"", "\n"),
    ("gbk", b"", "\r\n"),
    ("gb2312", b"", "\r"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),  # Word's "Unicode text"
    ("utf-16-be", b"\xfe\xff", "\n"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "\r"),
])
def test_encodings_and_line_ends_give_the_same_text(tmp_path, encoding, bom, newline):
    data = bom + TEXT.replace("\n", newline).encode(encoding)
    doc = load_document(_write(tmp_path, "doc.txt", data))
    assert doc.text == TEXT
    expected = {"utf-8": "utf-8-sig" if bom else "utf-8", "gbk": "gb18030", "gb2312": "gb18030"}.get(encoding, encoding)
    assert doc.encoding == expected


#: A traditional-script resolution opening (as a Big5 file from Taiwan or Hong Kong would have it).
TRADITIONAL = ("大會，\n\n回顧其關於國際移徙與發展的各項決議，\n\n"
               "重申會員國有權依照國際法管理本國的移民政策，\n\n"
               "1. 強調應打擊非法販運移徙者和販賣人口，並保護所有移徙者的人權；\n")


def test_big5_is_read_as_big5_although_gb18030_also_decodes_it(tmp_path):
    data = TRADITIONAL.encode("big5")
    gibberish = data.decode("gb18030")  # no error: only the characters tell the two apart
    assert gibberish != TRADITIONAL
    assert chinese_score(gibberish) < load.MIN_COMMON_SHARE <= chinese_score(TRADITIONAL)
    doc = load_document(_write(tmp_path, "tw.txt", data.replace(b"\n", b"\r\n")))
    assert (doc.text, doc.encoding, doc.script) == (TRADITIONAL, "big5", "traditional")
    assert doc.sha256 == hashlib.sha256(data.replace(b"\n", b"\r\n")).hexdigest()  # of the raw bytes


def test_gbk_beyond_gb2312_is_read_as_gb18030(tmp_path):
    text = "秘书长朱镕基先生和王堃女士出席了会议，强调应保护移徙者的人权。\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gb2312")  # 镕 and 堃 are GBK, not GB2312
    doc = load_document(_write(tmp_path, "gbk.txt", text.encode("gbk")))
    assert (doc.text, doc.encoding, doc.script) == (text, "gb18030", "simplified")


def test_utf16_without_bom_is_recognised_by_charset_normalizer(tmp_path):
    doc = load_document(_write(tmp_path, "u16.txt", TEXT.encode("utf-16-le")))
    assert (doc.text, doc.encoding) == (TEXT, "utf-16-le")


def test_chinese_score_counts_common_characters():
    assert chinese_score("移徙者的人权") == 5 / 6  # 徙 is not among the 1,000
    assert chinese_score("的人權") == 1.0       # traditional forms count too
    assert chinese_score("abc") == 0.0
    assert len(load.COMMON_HANZI) == len(set(load.COMMON_HANZI)) == 1000


FRENCH = "L'Assemblée générale, rappelant ses résolutions sur les migrations internationales et le développement."
GERMAN = "Die Generalversammlung, unter Hinweis auf ihre Resolutionen über Migration, bekräftigt die Größe der Aufgabe."
SPANISH = "La Asamblea General, recordando sus resoluciones sobre la migración internacional y el desarrollo, año."
KOREAN = "총회는 국제 이주와 개발에 관한 결의를 상기하고, 모든 이주민의 인권을 보호할 것을 강조한다."
JAPANESE = "総会は、国際移住と開発に関する決議を想起し、すべての移民の人権を保護することを強調する。"


@pytest.mark.parametrize("text,encoding,problem", [
    # Latin-1 bytes pair up into GB18030 characters: a few Chinese characters among the Latin letters
    (FRENCH, "latin-1", r"is not Chinese text: only (\d)% of its letters are Chinese characters when read as gb18030"),
    (GERMAN, "latin-1", r"is not Chinese text: only (\d)% of its letters are Chinese characters when read as gb18030"),
    (SPANISH, "latin-1", r"is not Chinese text: only (\d)% of its letters are Chinese characters when read as gb18030"),
    # EUC-KR hangul and Shift-JIS read as GB18030 are all Chinese characters, but rare ones
    (KOREAN, "euc-kr", r"decodes as gb18030, but not to Chinese text: only (\d+)% of its characters are common Chinese ones"),
    (JAPANESE, "shift_jis", r"decodes as gb18030, but not to Chinese text: only (0)% of its characters are common Chinese"),
    # 20 kana among 41 letters: 49%
    (JAPANESE, "euc-jp", r"is not Chinese text: 49% of its letters are Japanese kana when read as gb18030()"),
    (JAPANESE, "utf-8", r"is not Chinese text: 49% of its letters are Japanese kana when read as utf-8()"),
    (KOREAN, "utf-8", r"is not Chinese text: 100% of its letters are Korean hangul when read as utf-8()"),
    (FRENCH, "utf-8", r"is not Chinese text: only (0)% of its letters are Chinese characters when read as utf-8"),
])
def test_text_that_is_not_chinese_is_refused_naming_the_encoding(tmp_path, text, encoding, problem):
    p = _write(tmp_path, "other.txt", text.encode(encoding))
    with pytest.raises(DocumentError) as exc:
        load_document(p)
    msg = str(exc.value)
    m = re.match(re.escape(f"{p}: ") + problem, msg)
    assert m, msg
    assert not m.group(1) or int(m.group(1)) < (30 if "letters" in problem else 45)
    assert "\n" not in msg
    # a legacy reading: the message also says what charset-normalizer makes of the bytes
    assert bool(re.search(r"; charset-normalizer guesses [a-z0-9_]+( \(\w+\))?$", msg)) == (encoding != "utf-8")


def test_seed_in_every_encoding_gives_the_same_paragraph_table(tmp_path):
    text = SEED.read_bytes().decode("utf-8")
    reference = paragraph_table("x", text)
    for i, data in enumerate([b"\xef\xbb\xbf" + text.encode("utf-8"),
                              text.replace("\n", "\r\n").encode("gb18030"),
                              text.encode("gb18030"),
                              b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"),
                              b"\xfe\xff" + text.encode("utf-16-be")]):
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
    (b"\x00\x01\x02\x03binary\xff\xfe", "binary file"),  # charset-normalizer: UTF-16 (楢慮祲...): not Chinese either
    ("\u3000\u3000\n\u00a0".encode(), "empty file (only whitespace)"),
    (b"\xef\xbb\xbf \r\n", "empty file (only whitespace)"),
    (" \r\n\t".encode("utf-16"), "empty file (only whitespace)"),
    ("\u200b\u200b\n".encode(), "has no Chinese text (no letters at all when read as utf-8)"),
    (b"- 3 -\n\n06-55873 (C)\n", "is not Chinese text: only 0% of its letters"),
    (b"\x80\x80\x80abc\xff", "cannot be decoded as UTF-8, GB18030 or Big5 text; charset-normalizer guesses"),
    ("cp1252 text: caf\u00e9 na\u00efve".encode("cp1252"), "cannot be decoded"),
    (b"latin-1 bytes that GB18030 reads as symbols only: \xa1\xa2\xa1\xa3", "is not Chinese text: only 0%"),
    (b"\xff\xfe\x00\xd8", "starts with a UTF-16 byte-order mark but is not valid UTF-16"),
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
    (tmp_path / "link.txt").symlink_to("gone.txt")
    with pytest.raises(DocumentError, match=r"link\.txt: broken symbolic link \(to gone\.txt, which does not exist\)$"):
        load_document(tmp_path / "link.txt")


def _within(seconds, fn, *args):
    """``fn(*args)`` run in a thread: its exception, or a failure if it has not returned after ``seconds``."""
    result = []

    def target():
        try:
            fn(*args)
            result.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result.append(exc)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert result, f"{fn.__name__}{args} still running after {seconds} s"
    return result[0]


def test_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    exc = _within(10, load_document, fifo)  # opening a FIFO with no writer would block
    assert isinstance(exc, DocumentError)
    assert str(exc) == f"{fifo}: is a FIFO (named pipe), not a regular file: not read"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    exc = _within(10, load_document, device)  # /dev/zero would grow without bound
    assert str(exc) == f"{device}: is a character device, not a regular file: not read"


def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    except OSError:
        pytest.skip("cannot bind a Unix socket here (path too long?)")
    try:
        exc = _within(10, load_document, path)
        assert str(exc) == f"{path}: is a socket, not a regular file: not read"
    finally:
        sock.close()


def test_files_above_the_size_limit_are_refused_before_reading(tmp_path, monkeypatch):
    data = "强调应保护所有移徙者的人权。\n".encode() * 10  # 43 bytes a line: 430 bytes
    p = _write(tmp_path, "big.txt", data)
    assert max_file_bytes() == load.MAX_FILE_MB * 1_000_000 == 200_000_000
    monkeypatch.setenv("UNZH_MAX_FILE_MB", "0.00043")  # 430 bytes: just enough
    assert max_file_bytes() == 430
    assert load_document(p).text == data.decode()
    monkeypatch.setenv("UNZH_MAX_FILE_MB", "0.0004")
    with pytest.raises(DocumentError) as exc:
        load_document(p)
    assert str(exc.value) == (f"{p}: is 430 bytes, more than the 400 bytes (0.0004 MB) read per file "
                              "(set UNZH_MAX_FILE_MB to raise the limit)")


def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path):
    p = _write(tmp_path, "log.txt", b"x" * 100)
    assert read_file_bytes(p, limit=100) == b"x" * 100
    with pytest.raises(DocumentError, match="is 100 bytes, more than the 99 bytes"):
        read_file_bytes(p, limit=99)


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan"])
def test_a_bad_size_limit_is_a_one_line_error(monkeypatch, value):
    monkeypatch.setenv("UNZH_MAX_FILE_MB", value)
    with pytest.raises(InputError) as exc:
        max_file_bytes()
    assert str(exc.value) == f"UNZH_MAX_FILE_MB: must be a positive number of megabytes, got {value!r}"


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    p = _write(tmp_path, "locked.txt", "移徙者。".encode())
    real_open = os.open

    def refuse(path, *args, **kw):  # what chmod 000 gives a user who is not root
        if str(path) == str(p):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(DocumentError) as exc:
        load_document(p)
    assert str(exc.value) == f"{p}: cannot be read (permission denied)"


def test_document_ids_keep_every_dot_and_stay_short():
    assert doc_id_for("data/a.2006.txt") == "a.2006"
    assert doc_id_for("A_61_515.clean.txt") == "A_61_515.clean"
    assert doc_id_for("README") == "README"
    assert metadata_path("x/a.2006.txt").as_posix() == "x/a.2006.meta.json"
    long_a, long_b = "报告" * 60 + "甲", "报告" * 60 + "乙"  # 363 bytes each, the same first 360
    ids = [doc_id_for(f"{n}.txt") for n in (long_a, long_b)]
    assert ids[0] != ids[1]
    for i, name in zip(ids, (long_a, long_b)):
        assert len(i.encode()) <= MAX_ID_BYTES == 100
        assert i == "报告" * 14 + "报" + "~" + hashlib.sha256(name.encode()).hexdigest()[:10]  # 87 bytes + 11
    assert ids[0].startswith("报告报告") and len(ids[0].encode()) == 98


def test_a_name_of_255_bytes_is_read(tmp_path):
    name = "a" * 251 + ".txt"  # the longest name the file system allows; no room for a .meta.json beside it
    p = _write(tmp_path, name, "大会，\n\n1. 决定继续处理此案。\n".encode())
    doc = load_document(p)
    assert doc.metadata == {}
    assert doc.doc_id == "a" * 89 + "~" + hashlib.sha256(b"a" * 251).hexdigest()[:10]


def test_decode_bytes_names_its_source():
    with pytest.raises(DocumentError, match=r"^<bytes>: empty file$"):
        decode_bytes(b"")


def test_bad_metadata_json_is_reported(tmp_path):
    p = _write(tmp_path, "d.txt", "移徙者。".encode())
    (tmp_path / "d.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"d\.meta\.json: metadata is not valid JSON"):
        load_document(p)
