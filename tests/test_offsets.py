"""The offset map: unit cases and property tests over generated noisy inputs (STYLE §4)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from renewie.normalization import Builder, OffsetMap, normalize

NOISY = st.sampled_from([
    *"小區区改造万億亿０１２3456 \n。，", "(qū)", "(PPP)", "<p>", "</p>", "&nbsp;", "&amp;", "楼栋 1156 栋",
    "\n\n", "建 筑 面 积", "環(huán)境", "---\ntitle: x\n---\n", "<script>var a=1;</script>", "**", "　",
    "住房5 860套", "项目 3 6 个", "1千2百万元", "1万2千余户", "二〇二四年一至九月", "已于5月", "（2024年1月22日）", "建成后，可",
    "区县\n计划改造（个）\n已完工（个）\n", "广陵区\n9\n—\n", "区县    计划改造（个）    已完工（个）\n", "邗江区    6    4\n",
    "｜", " | ", "丨", "前10个月", "开工80个", "\n38个｜老旧小区", "| | 合计 | | 27 |\n",
])
TEXTS = st.lists(NOISY, max_size=60).map("".join)


def test_offsets_identity_maps_to_itself():
    m = OffsetMap.identity(10)
    assert m.to_source(0, 10) == (0, 10)
    assert m.to_source(3, 3) == (3, 3)


def test_offsets_builder_deletion_and_replacement():
    b = Builder("ab<x>cd&amp;e")
    b.keep(0, 2)
    b.put("", 2, 5)
    b.keep(5, 7)
    b.put("&", 7, 12)
    b.keep(12, 13)
    text, m = b.finish()
    assert text == "abcd&e"
    assert m.to_source(2, 4) == (5, 7)
    assert m.to_source(4, 5) == (7, 12)
    assert m.to_source(0, 6) == (0, 13)


def test_offsets_compose_two_steps():
    b1 = Builder("a  b")
    b1.keep(0, 1); b1.put("", 1, 3); b1.keep(3, 4)
    t1, m1 = b1.finish()
    b2 = Builder(t1)
    b2.put("A", 0, 1, linear=True); b2.keep(1, 2)
    t2, m2 = b2.finish()
    total = m1.then(m2)
    assert t2 == "Ab"
    assert total.to_source(1, 2) == (3, 4)


def test_offsets_out_of_range_raises():
    import pytest

    with pytest.raises(IndexError):
        OffsetMap.identity(3).to_source(2, 5)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_stay_inside_input_and_in_order(raw):
    norm = normalize(raw)
    n = len(norm.text)
    starts = [norm.to_source(i, i)[0] for i in range(n + 1)]
    assert all(0 <= s <= len(raw) for s in starts)
    assert starts == sorted(starts)
    for i in range(n):
        s, e = norm.to_source(i, i + 1)
        # words a table reader inserts (a column's label and unit, the comma and full stop of a
        # row) take no input characters; every other character, and every digit, has its source
        assert 0 <= s <= e <= len(raw)
        assert s < e or not norm.text[i].isdigit()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_every_character_maps_to_what_produced_it(raw):
    """A character the normaliser kept maps to the same character; a rewritten one maps to
    input text that contains its source (a tag, an entity, a traditional character)."""
    from renewie.normalization.script import _converter

    norm = normalize(raw)
    t2s = _converter("t2s")
    fw = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    for i, ch in enumerate(norm.text):
        s, e = norm.to_source(i, i + 1)
        piece = raw[s:e]
        if ch in piece or (not piece and not ch.isdigit()):
            continue  # …or a word a table reader inserted, taking no input characters
        converted = t2s.convert(piece)
        widened = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) < 0xFF5F else c for c in piece)
        # …or the comma or full stop a table reader puts between cells stands for the space or the
        # line break that parted them, or the comma for a bar parting a line's parts (开工80个｜完工52个)
        assert ch in converted or ch in widened or ch in ("\n", " ") or piece.startswith("&") or piece.startswith("<") \
            or ch in (fw.get(c, "") for c in piece) or (ch in "，。" and not piece.strip()) \
            or (ch == "，" and any(bar in piece for bar in "|｜丨")), (raw, i, ch, piece)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_offsets_numbers_map_back_to_their_digits(raw):
    norm = normalize(raw)
    for m in regex.finditer(r"\d+", norm.text):
        s, e = norm.to_source(m.start(), m.end())
        src = "".join(c for c in raw[s:e] if not c.isspace())
        src = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in src)
        # SPEC: a number split by markup spans from its first to its last character
        it = iter(src)
        assert all(d in it for d in m.group()), (raw, m.group(), src)
        assert src[0] == m.group()[0] and src[-1] == m.group()[-1]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="老旧小区改造完成户栋个万亿元，。", max_size=80))
def test_offsets_clean_text_maps_to_itself(raw):
    norm = normalize(raw)
    if norm.text == raw:
        assert all(norm.to_source(i, i + 1) == (i, i + 1) for i in range(len(raw)))
    again = normalize(norm.text)
    assert again.text == norm.text  # normalising twice changes nothing
