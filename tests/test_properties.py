"""Property tests over the whole extractor: any input gives a document (never an exception),
and every span it reports lies inside the input and, where no markup or line break splits the
mention, slices back to the mention's text (SPEC section 2)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import renewie

PIECES = st.sampled_from([
    "2023年", "以来", "截至", "2022年9月", "今年", "“十四五”期间", "黔江区", "江北区", "重庆市", "全市", "我区",
    "已", "累计", "计划", "将", "完成", "开工", "改造", "老旧小区", "棚户区", "排水管网", "保障性租赁住房",
    "39个", "113栋", "2147户", "4500余万元", "27万余平方米", "16.6公里", "上亿元", "两万三千户", "0.4元-0.5元/平方米",
    "60%", "第六批", "，", "。", "、", "\n", "\n\n", " ", "<p>", "</p>", "&nbsp;", "(qū)", "(qu1)", "[qū]", ",", "\u3000\u3000", "单位：亿元\n", "區", "萬", "１２", "---\n",
    "惠及居民", "涉及", "新增停车位", "加装电梯", "36部", "约", "近", "超过", "余", "左右",
    "<table>", "<tr>", "<td>", "</td>", "<th>改造小区（个）</th>", "</tr>", "| ", " |", "|---|", "| 户数(户) |", "1,860",
    "｜", "丨", "前10个月", "年度任务",
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


HEADERS = st.sampled_from(["街道", "改造小区（个）", "惠及户数(户)", "投资（万元）", "管网(公里)", "备注", "面积（万平方米）",
                           "2023年", "2024", "2025年度", "合计", "合  计", "年度计划", "已完工", "2024年完成", "单位", "1-10月完成"])
CELLS = st.sampled_from(["12", " 7 ", "1,860", "3.5", "0", "东城街道", "约20", "", "16个", "<b>9</b>", "改造小区（个）",
                         "投资(亿元)", "个", "公里"])


SPANS = st.sampled_from(["", "", "", ' rowspan="2"', ' rowspan="3"', ' colspan="2"'])


@settings(max_examples=150, deadline=None)
@given(st.lists(HEADERS, min_size=1, max_size=4), st.lists(st.lists(CELLS, min_size=1, max_size=5), max_size=4),
       st.sampled_from(["html", "markdown", "text"]), st.lists(SPANS, max_size=20), st.sampled_from(["  ", "   ", "\t"]),
       st.sampled_from(["", "单位：万元", "（单位：个）"]))
def test_properties_table_numbers_keep_their_own_span(header, rows, kind, spans, gap, unit_line):
    """Whatever a table holds, in HTML (cells spanning rows or columns included), Markdown or
    plain text (cells parted by spaces or tabs), a header's unit read with a cell's number, the
    unit of a line before the table (单位：万元), or the year of a column and the label and unit a
    row names (2023年 | 2024年 over 改造小区（个） | 12 | 7; 年度计划 | 已完工 likewise; the unit a row gives
    in a unit column, 单位 | 年度计划 | 1-10月完成 over 老旧小区改造 | 个 | 180 | 176), never takes
    input characters: every count found slices back to exactly its own text."""
    if kind == "text":
        text = f"东城区老旧小区改造。{unit_line}\n" + "".join("  " + gap.join(r) + "\n" for r in [header, *rows])
    elif kind == "html":
        attrs = iter(spans)

        def row(cells, tag):
            return "<tr>" + "".join(f"<{tag}{next(attrs, '')}>{c}</{tag}>" for c in cells) + "</tr>\n"
        text = f"<p>东城区老旧小区改造。</p><p>{unit_line}</p><table>" + row(header, "th") + "".join(row(r, "td") for r in rows) + "</table>"
    else:
        text = f"东城区老旧小区改造。\n\n{unit_line}\n\n" + "\n".join("| " + " | ".join(r) + " |" for r in [header, ["---"] * len(header), *rows])
    doc = renewie.extract(text).to_dict()
    assert doc["error"] is None
    for m in doc["mentions"]["counts"] + doc["mentions"]["amounts"]:
        s, e = m["span"]
        assert text[s:e] == m["text"], (text, m)
    for m in doc["mentions"]["times"]:  # a column's year read with a figure is its header cell
        s, e = m["span"]
        assert 0 <= s <= e <= len(text) and text[s:e] == m["text"], (text, m)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_properties_bytes_never_raise_beyond_read_error(data):
    try:
        doc = renewie.extract(data)
    except renewie.ReadError:
        return
    assert doc.error is None


# ---- fast scans equal the reference scans ------------------------------------------------
def _vocab():
    from renewie.pipeline import default_pipeline

    return default_pipeline().vocab


def yaml_status():
    import yaml

    from helpers import ROOT

    return yaml.safe_load((ROOT / "lexicons" / "status.yaml").read_text(encoding="utf-8"))


def _status_words():
    import yaml

    from helpers import ROOT

    st_ = yaml.safe_load((ROOT / "lexicons" / "status.yaml").read_text(encoding="utf-8"))
    words = [w for k, ws in st_.items() if isinstance(ws, list) for w in ws]
    return sorted(set(words))


SCAN_PIECES = st.lists(st.sampled_from([*_status_words(), "将", "还将", "年内将", "要", "还要", "主要", "需要", "老旧小区", "改造", "，", "。", "区", "了",
                                        "后", "后可", "后，将", "之后"]),
                       max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(SCAN_PIECES)
def test_status_scan_equals_the_regex_scan(text):
    """The automaton-based status scan finds the hits one longest-first regex finds: negated
    words dropped (where they stand kept), 将 or 要 before a verb a plan word (not 主要), 将 inside a word (年内将)
    part of the word; a plan opener (年度目标) is a plan word at a clause's opening and nothing
    inside one or before a done word (年度任务已完成); a prospective phrase (建成后可) one plan word."""
    from renewie.associate.document import (CLAUSE_OPENINGS, NEGATED, PLAN_OPENER, PRELIMINARY_GAP, PRELIMINARY_OF,
                                            SUBJECT_GAP, SUBJECT_OF, _status_hits)

    v = _vocab()
    want = [(m.start(), m.end(), NEGATED if m["neg"] else "planned" if m["jiang"] else v.status_class[m["w"]])
            for m in v.status.finditer(text) if not m["neg"] or m.group() not in v.not_signals]
    # a prospective phrase (建成后可, 完工后，将) is one plan word from its done word on; what it holds
    # goes with it
    spans = [m.span() for m in v.prospective.finditer(text)] if v.prospective is not None else []
    merged = []
    for s, e, c in want:
        span = next((sp for sp in spans if sp[0] <= s < sp[1]), None)
        if span is None:
            merged.append((s, e, c))
        elif s == span[0]:
            merged.append((s, span[1], "planned"))
    # a done, under-way or begun word with a preliminary step a few characters on (已完成招标) plans
    steps = tuple(yaml_status().get("preliminary", ()))

    def step_after(e: int) -> bool:
        for w in steps:
            k = text.find(w, e)
            if 0 <= k - e <= PRELIMINARY_GAP and not any(ch.isdigit() or ch.isspace() or ch in "，,。；;：:、"
                                                         for ch in text[e:k]):
                return True
        return False

    merged = [(s, e, "planned" if c in PRELIMINARY_OF and step_after(e) else c) for s, e, c in merged]
    # a plan opener is nothing as the subject of a done or start word a few characters on, with no
    # punctuation or figure between (年度任务已全部完成)
    subject = {k for k, (s, e, c) in enumerate(merged) if c == PLAN_OPENER and k + 1 < len(merged)
               and merged[k + 1][2] in SUBJECT_OF and 0 <= merged[k + 1][0] - e <= SUBJECT_GAP
               and not any(ch.isdigit() or ch in "，,。；;：:、" for ch in text[e:merged[k + 1][0]])}
    want = [(s, e, "planned" if c == PLAN_OPENER else c) for k, (s, e, c) in enumerate(merged)
            if c != NEGATED and (c != PLAN_OPENER or ((s == 0 or text[s - 1] in CLAUSE_OPENINGS) and k not in subject))]
    hits, negated = _status_hits(text, v)
    assert [(h.pos, h.end, h.cls) for h in hits] == want
    assert negated == [m.start() for m in v.status.finditer(text) if m["neg"] and m.group() not in v.not_signals]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["老旧小区", "老旧", "小区", "棚户区", "棚户区改造", "城中村", "排水", "管网", "城市更新",
                                 "保障性租赁住房", "住房", "改造", "，", "区"]), max_size=30).map("".join))
def test_category_scan_equals_the_regex_scan(text):
    import regex

    from renewie.extractors.patterns import alt

    v = _vocab()
    longest_first = regex.compile(alt(v.category_of))
    want = [(m.start(), m.end(), v.category_of[m.group()]) for m in longest_first.finditer(text)]
    assert v.category_words.find(text) == want


def _nested_split(text):
    """The definition of the layout: paragraphs, then sentences inside each, then clauses."""
    import regex

    para, sent, clause = (regex.compile(r"[^\n]+"), regex.compile(r"[^。！？!?；;]+[。！？!?；;”」』]*"),
                          regex.compile(r"(?:[^，,：:]|(?<=\d),(?=\d{3}(?!\d)))+[，,：:]?"))  # 1,268: no clause break
    ps, ss, cs = [], [], []
    for p in para.finditer(text):
        ps.append(p.span())
        for s in sent.finditer(text, p.start(), p.end()):
            ss.append((s.start(), s.end(), len(ps) - 1))
            cs.extend((c.start(), c.end(), len(ss) - 1) for c in clause.finditer(text, s.start(), s.end()))
    return ps, ss, cs


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="，,：:。！？!?；;”」』“\n a好12", max_size=16))
@example("好1,212好，2,12好2121,2")
def test_layout_split_equals_the_nested_definition(text):
    from renewie.associate.sentences import split

    lay = split(text)
    assert (lay.paragraphs, lay.sentences, lay.clauses) == _nested_split(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="，,、。：:；;！？!?…“”（）()《》—-·./ \t\n\u3000\xa0a好1", max_size=8))
def test_pure_punct_regex_equals_its_definition(s):
    from renewie.normalization.layout import PUNCT, _pure_punct

    stripped = s.strip()
    assert _pure_punct(s) == (bool(stripped) and all(c in PUNCT or c.isspace() for c in stripped))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["完成", "改造", "新开工", "实施", "的", "、", "，", " ", "（", "小区", "老旧", "累计", "共"]),
                max_size=8).map("".join))
def test_label_strip_memo_equals_the_stripping(label):
    """metrics._strip remembers its answers per vocabulary: the same as stripping anew, also
    when asked twice and after the memo was cleared."""
    from renewie.associate.metrics import _strip, _strip_words
    from renewie.pipeline import default_pipeline

    vocab = default_pipeline().vocab
    expected = _strip_words(label, vocab)
    assert _strip(label, vocab) == expected
    assert _strip(label, vocab) == expected
    vocab.strip_cache.clear()
    assert _strip(label, vocab) == expected
