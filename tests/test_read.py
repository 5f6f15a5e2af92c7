"""The reader: encodings, damaged and binary input (issue 2)."""

from __future__ import annotations

import pytest

import renewie
from renewie import ReadError
from renewie.reader import decode

TEXT = "推进老旧小区改造是改善和提升城乡人居环境、激发城乡活力的内在动力之一。截至2022年9月，共投入资金2.86亿元。"
TRAD = "推進老舊小區改造是改善和提升城鄉人居環境、激發城鄉活力的內在動力之一。截至2022年9月，共投入資金2.86億元。"


@pytest.mark.parametrize("data,expected", [
    (TEXT.encode("utf-8"), TEXT),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
    (TEXT.encode("gbk"), TEXT),
    (TEXT.encode("gb18030"), TEXT),
    (TRAD.encode("big5"), TRAD),
    (TEXT.encode("utf-16"), TEXT),
    (TEXT.encode("utf-16-le"), TEXT),
    (TEXT.encode("utf-16-be"), TEXT),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "big5", "utf16-bom", "utf16le", "utf16be"])
def test_read_encodings(data, expected):
    assert decode(data).text == expected


# a table drawn with box characters and a unit sign (㎡): charset-normalizer finds them chaotic
BOXED = ("余杭区老旧小区改造进度表\n┌────┬────┐\n│街道  │面积    │\n├────┼────┤\n"
         "│临平  │1.2万㎡ │\n└────┴────┘\n截至10月底，全区改造老旧小区12个，惠及居民3200户。")


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_read_gbk_and_big5_with_box_drawing_and_unit_signs(encoding):
    import opencc

    text = BOXED if encoding == "gbk" else opencc.OpenCC("s2t").convert(BOXED)
    assert decode(text.encode(encoding)).text == text


def test_read_empty_is_empty_text():
    assert decode(b"").text == ""


def test_read_one_broken_utf8_byte_is_kept_with_a_warning():
    data = bytearray(TEXT.encode("utf-8"))
    data[30] = 0xFF
    d = decode(bytes(data))
    assert "\ufffd" in d.text and d.warnings and d.warnings[0].startswith("W101")
    assert d.text.endswith("2.86亿元。")


@pytest.mark.parametrize("data,reason", [
    (bytes(range(256)) * 64, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG"),
    (b"\x00\x01\x02\x03" * 1000, "binary"),
])
def test_read_binary_raises_clear_error(data, reason):
    with pytest.raises(ReadError) as err:
        decode(data, "x.bin")
    assert "x.bin" in str(err.value) and reason in str(err.value)


def test_read_path_and_missing_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("gbk"))
    assert renewie.read(p) == TEXT
    with pytest.raises(ReadError, match="no such file"):
        renewie.read(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="directory"):
        renewie.read(tmp_path)


def test_read_large_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(TEXT * (20_000_000 // len(TEXT.encode())), encoding="utf-8")
    assert p.stat().st_size >= 19_000_000
    text = renewie.read(p)
    assert text.startswith(TEXT) and len(text) > 6_000_000
