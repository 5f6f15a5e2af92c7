"""Property tests over the whole extractor: any input gives a document (never an exception),
and every span it reports lies inside the input and, where no markup or line break splits the
mention, slices back to the mention's text (SPEC section 2)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import renewie

PIECES = st.sampled_from([
    "2023年", "以来", "截至", "2022年9月", "今年", "“十四五”期间", "黔江区", "江北区", "重庆市", "全市", "我区",
    "已", "累计", "计划", "将", "完成", "开工", "改造", "老旧小区", "棚户区", "排水管网", "保障性租赁住房",
    "39个", "113栋", "2147户", "4500余万元", "27万余平方米", "16.6公里", "上亿元", "两万三千户", "0.4元-0.5元/平方米",
    "60%", "第六批", "，", "。", "、", "\n", "\n\n", " ", "<p>", "</p>", "&nbsp;", "(qū)", "區", "萬", "１２", "---\n",
    "惠及居民", "涉及", "新增停车位", "加装电梯", "36部", "约", "近", "超过", "余", "左右",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_properties_extract_never_raises_and_spans_hold(text):
    doc = renewie.extract(text).to_dict()
    assert doc["error"] is None
    groups = doc["mentions"]
    spans = [m for g in groups.values() for m in g]
    spans += [q for r in doc["records"] for q in r["metrics"].values()]
    for m in spans:
        s, e = m["span"]
        assert 0 <= s <= e <= len(text)
        piece = text[s:e]
        if not any(ch in piece for ch in "\n<&("):
            assert piece == m["text"]
    for r in doc["records"]:
        s, e = r["evidence"]["span"]
        assert 0 <= s <= e <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_properties_bytes_never_raise_beyond_read_error(data):
    try:
        doc = renewie.extract(data)
    except renewie.ReadError:
        return
    assert doc.error is None
