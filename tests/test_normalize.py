"""The normaliser: markup, glosses, PDF damage, full-width forms, script (SPEC section 3)."""

from __future__ import annotations

import re

import pytest

from renewie.normalization import normalize

from helpers import shared_dir


def _extract_keeping_spans(raw: str, published: str | None = None):
    """``renewie.extract`` of ``raw``, every amount and count checked to keep its own span."""
    import renewie

    doc = renewie.extract(raw, published=published)
    assert all(raw[q.span[0]:q.span[1]] == q.text for q in doc.counts + doc.amounts)
    return doc


def _region_facts(doc) -> set[tuple]:
    """(adcode, status, metric, value) of every metric of ``doc``'s records."""
    return {(r.region.adcode, r.status.value, m, q.value) for r in doc.records for m, q in r.metrics.items()}


CASES = [
    # (input, expected normalised text) — written for these tests, in the styles of the seeds
    ("小區(qū)改造", "小区改造"),
    ("改善人居環(huán)境", "改善人居环境"),
    ("采用PPP(PPP)模式", "采用PPP(PPP)模式"),
    ("ROT(改建-运营-移交)模式", "ROT(改建-运营-移交)模式"),
    ("截至(2023)年", "截至(2023)年"),
    ("小区(xiǎo)", "小区(xiǎo)"),  # xiǎo is not a reading of 区: stays
    ("老舊小區(xiǎo qū)改造(gǎi zào)", "老旧小区改造"),  # a gloss of several characters, one syllable each
    ("融资(rong zi)模式", "融资模式"),
    ("住房(ppp ab)", "住房(ppp ab)"),  # not their readings: stays
    ("区(xiǎo qū)", "区(xiǎo qū)"),  # more syllables than characters before them: stays
    ("老舊小區(xiao3 qu1)改造", "老旧小区改造"),  # tone numbers
    ("老旧小区[xiǎo qū]改造", "老旧小区改造"),  # square brackets
    ("区[2023]5号", "区[2023]5号"),
    ("小区(xiao9 qu1)", "小区(xiao9 qu1)"),  # no tone 9: stays
    ("建 筑 面 积 149.62 万平方米", "建筑面积149.62万平方米"),
    ("楼栋 1156 栋", "楼栋1156栋"),
    ("累计改造老旧小区95个，建筑面积\n149.62万平方米", "累计改造老旧小区95个，建筑面积149.62万平方米"),
    ("共投入资金２.８６亿元", "共投入资金2.86亿元"),
    ("<p>完成改造</p><p>，</p><p>涉及居民</p>", "完成改造，涉及居民"),
    ("<p>第一段话说完了。</p><p>第二段。</p>", "第一段话说完了。\n\n第二段。"),
    ("a&amp;b&nbsp;c", "a&b c"),
    ("<script>var x = '改造';</script>正文", "正文"),
    ("## 标题\n**改造**完成", "标题\n\n改造完成"),
    ("老旧小区改造 让幸福升级\n\n老旧小区改造关系千家万户。", "老旧小区改造 让幸福升级\n\n老旧小区改造关系千家万户。"),
    ("这是一个很长的句子，描述了城市更新工作的进展和双城\n\n经济圈建设", "这是一个很长的句子，描述了城市更新工作的进展和双城经济圈建设"),
    ("努力交出了一份群众满意的高答卷。\n\n份群众满意的高答卷。\n\n下一段。", "努力交出了一份群众满意的高答卷。\n\n下一段。"),
    ("推進老舊小區改造", "推进老旧小区改造"),
    ("１，１６５套", "1,165套"),
    ("\ufeff改造", "改造"),
    # a figure cut into its own <p>: joined to the words before it and to its unit after it
    ("<p>今年共实施改造</p><p>46</p><p>个，涉及居民</p>", "今年共实施改造46个，涉及居民"),
    # …but not after a full stop: there the number line is a page number
    ("<p>改造工作进展顺利。</p><p>12</p><p>下一段话。</p>", "改造工作进展顺利。\n\n12\n\n下一段话。"),
    # a half-width full stop between Chinese sentences is a full stop; decimals and addresses stay
    ("推进老旧小区改造.截至9月底,已完成28个.", "推进老旧小区改造。截至9月底,已完成28个。"),
    ("群众\"急难愁盼\".下一步", "群众\"急难愁盼\"。下一步"),
    ("投资2.5亿元,见www.gov.cn.", "投资2.5亿元,见www.gov.cn."),
    # a bar parting the cells of a line of a post is a comma; each such line is a line of its own
    ("老旧小区改造｜开工80个｜完工52个\n城中村改造 | 签约900户", "老旧小区改造，开工80个，完工52个\n城中村改造，签约900户"),
    ("襄阳丨城市更新提速", "襄阳，城市更新提速"),
    # …and a by-line parted by bars stays off the title above it
    ("城市更新提速\n来源：湖北日报｜作者：李四", "城市更新提速\n来源：湖北日报，作者：李四"),
    # …after a figure opening its line, the bar goes: the figure is read with its caption
    ("38个｜老旧小区完成改造\n1.2万户 | 居民受益", "38个老旧小区完成改造\n1.2万户居民受益"),
    # a pictograph inside a line parts it as a bar does; at a line's start it is a bullet and stays
    ("改造项目✅已完工12个 🚧在建5个 📋待开工3个", "改造项目，已完工12个，在建5个，待开工3个"),
    ("⭐️棚改开工800套⭐️完工600套", "⭐️棚改开工800套，完工600套"),
    # …not a bar at a line's end, nor one between letters
    ("a|b 改造|", "a|b 改造|"),
    # a numbered heading, and a line opening the next numbered item, are lines of their own
    ("一、总体情况\n2023年，全县改造老旧小区12个", "一、总体情况\n2023年，全县改造老旧小区12个"),
    ("涉及居民1120户\n（二）东城片区改造项目", "涉及居民1120户\n（二）东城片区改造项目"),
    ("投入资金800万元\n2.加装电梯", "投入资金800万元\n2.加装电梯"),
    # …and so is a numbered part named by its kind (案例二：…, 附件1：…)
    ("案例二：宁波市海曙区片区连片改造\n海曙区将相邻的6个老旧小区打包改造。", "案例二：宁波市海曙区片区连片改造\n海曙区将相邻的6个老旧小区打包改造。"),
    ("竣工验收。\n附件1：项目清单", "竣工验收。\n附件1：项目清单"),
    # …but a PDF line cut before a decimal number is joined
    ("累计惠及居民\n3.5万户", "累计惠及居民3.5万户"),
    # a by-line of labelled fields ends with its line: 312 is no count of 根
    ("发布时间：2024-09-20  来源：区住建局  浏览次数：312\n根据工作安排，现公布如下", "发布时间：2024-09-20来源：区住建局浏览次数：312\n根据工作安排，现公布如下"),
    # a by-line is a line of its own, even under a title holding a colon
    ("湖北：上半年全省城镇老旧小区改造开工率达91.6%\n\n2024-07-18 08:30　来源：湖北日报\n\n7月17日，记者获悉。",
     "湖北：上半年全省城镇老旧小区改造开工率达91.6%\n\n2024-07-18 08:30来源：湖北日报\n\n7月17日，记者获悉。"),
    # …and so is a date alone in brackets under a report's title: the title's lines stay off it
    ("某市住房和城乡建设局\n2021—2023年工作情况报告\n（2024年1月22日）\n\n三年来，全市改造老旧小区。",
     "某市住房和城乡建设局2021—2023年工作情况报告\n（2024年1月22日）\n\n三年来，全市改造老旧小区。"),
    # a list of labelled figures, and a line opening with a bullet sign, are lines of their own
    ("看变化——\n▍老旧小区改造\n开工改造：96个\n完成投资：6.2亿元", "看变化——\n▍老旧小区改造\n开工改造：96个\n完成投资：6.2亿元"),
    ("▶ 惠及居民9600户\n▶ 加装电梯28部", "▶ 惠及居民9600户\n▶ 加装电梯28部"),
    # a line set letter by letter, digits too
    ("小 店 区 2 0 2 3 年 完 成 投 资 2 . 6 8 亿 元 。", "小店区2023年完成投资2.68亿元。"),
    # …and a number set digit by digit inside an ordinary line
    ("共改造雨污管网 2 1 . 3 公里，新建充电桩 2 6 0 个", "共改造雨污管网21.3公里，新建充电桩260个"),
    # …but two numbers on an ordinary line stay apart
    ("楼栋 12 36 栋", "楼栋12 36栋"),
    # …and in a text that sets its numbers digit by digit, two digits between words are one number
    ("改造项目 3 6 个，涉及居民 9 6 8 0 户，整治易涝点 1 1 处", "改造项目36个，涉及居民9680户，整治易涝点11处"),
    # …but not in a text that does not
    ("小区 3 6 个", "小区3 6个"),
    # thousands parted by a space, as PDFs set them (5 860套), are one number
    ("共筹集保障性租赁住房5 860套（间），其中新建\n2 300套、改建1 480套", "共筹集保障性租赁住房5860套（间），其中新建2300套、改建1480套"),
    # lines that each open with a label and a colon are fields, each on its line
    ("建设内容：改造小区8个、楼栋96栋\n进度：已完工5个", "建设内容：改造小区8个、楼栋96栋\n进度：已完工5个"),
    # a section number on its own line (01), its heading and its text are lines of their own, and
    # so are figures labelled in brackets
    ("01\n老旧小区改造\n【改造小区】68个\n【惠及居民】1.46万户\n\n02\n城中村改造\n全年启动城中村改造3个。",
     "01\n老旧小区改造\n【改造小区】68个\n【惠及居民】1.46万户\n\n02\n城中村改造\n全年启动城中村改造3个。"),
    # …and the first of them stays off a title right above it
    ("永川区2025年老旧小区改造项目招标公告\n项目名称：永川区老旧小区改造\n建设规模：改造小区6个",
     "永川区2025年老旧小区改造项目招标公告\n项目名称：永川区老旧小区改造\n建设规模：改造小区6个"),
    # a field alone on its line before a blank line ends there (no page break cuts it)
    ("总投资：2460万元\n建设期限：2024年5月—2024年11月\n\n公示期为2024年3月15日至3月21日。",
     "总投资：2460万元\n建设期限：2024年5月—2024年11月\n\n公示期为2024年3月15日至3月21日。"),
    # a field holding only a date is a line of its own, under a title as a by-line is
    ("兴宁区老旧小区改造工程施工招标公告\n发布时间：2024-05-06\n一、项目概况",
     "兴宁区老旧小区改造工程施工招标公告\n发布时间：2024-05-06\n一、项目概况"),
    ("兴宁区老旧小区改造工程施工招标公告\n发布日期：2024年5月6日 09:30\n根据有关规定，现对该项目进行公开招标。",
     "兴宁区老旧小区改造工程施工招标公告\n发布日期：2024年5月6日09:30\n根据有关规定，现对该项目进行公开招标。"),
    # a card's lines, each words and one figure with no punctuation, stay lines, and so does its title
    ("九江市2024年城镇老旧小区改造成绩单\n开工改造城镇老旧小区212个\n惠及居民3.6万户\n完成投资9.8亿元",
     "九江市2024年城镇老旧小区改造成绩单\n开工改造城镇老旧小区212个\n惠及居民3.6万户\n完成投资9.8亿元"),
    # …while one labelled phrase after a line cut mid-sentence is still joined
    ("全县已改造老旧小区\n其中：东城街道12个，西城街道8个。", "全县已改造老旧小区其中：东城街道12个，西城街道8个。"),
    # a list opened by a colon starts on its own line
    ("拟改造的小区名单如下：\n1. 东城街道翠苑小区：楼栋9栋", "拟改造的小区名单如下：\n1. 东城街道翠苑小区：楼栋9栋"),
    ("具体情况如下：\n（一）北关片区", "具体情况如下：\n（一）北关片区"),
    # a Markdown pipe table: rows of cells; a column's header unit goes with its bare numbers
    ("| 街道 | 小区（个） | 备注 |\n| --- | ---: | --- |\n| 东城街道 | 12 | 3 |\n",
     "街道，小区（个），备注。\n东城街道，小区12个，3。"),
    ("| 项目 | 投资(万元) |\n|---|---|\n| 北关片区 | 1,250 |", "项目，投资(万元)。\n北关片区，投资1,250万元。"),
    # a field whose label names its unit: the unit is put after its bare number
    ("预算金额（万元）：1,986.40\n预计采购时间：2023年7月", "预算金额（万元）：1,986.40万元\n预计采购时间：2023年7月"),
    ("总投资(万元)：560，工期180天", "总投资(万元)：560万元，工期180天"),
    ("完成率（%）：98.2", "完成率（%）：98.2"),  # a share: no unit put
    ("项目名称（一期）：9号楼", "项目名称（一期）：9号楼"),  # no bare number
    # an HTML table likewise (the header is its first row)
    ("<table><tr><th>街道</th><th>惠及户数（户）</th></tr><tr><td>东城街道</td><td> 860 </td></tr></table>",
     "街道，惠及户数（户），。\n\n东城街道，惠及户数860户，。"),
    # a traditional page: converted first, so a table's unit line and header read as in simplified
    ("單位：萬元\n\n| 街道 | 投資 |\n|---|---|\n| 東城街道 | 1250 |", "单位：万元\n\n街道，投资。\n东城街道，投资1250万元。"),
    # <br> breaks a line inside its paragraph (a wrapped sentence goes on; a table's rows stay rows)
    ("<p>2024年，渝北区共筹集保障性<br/>租赁住房5860套（间）。</p><p>其中新建2300套。</p>",
     "2024年，渝北区共筹集保障性租赁住房5860套（间）。\n\n其中新建2300套。"),
    ("<p>街道    小区（个）    投资（万元）<br>东城街道    12    1250<br>西城街道    8    860</p>",
     "街道，小区（个），投资（万元）。\n\n东城街道，小区12个，投资1250万元。\n\n西城街道，小区8个，投资860万元。"),
    # a table given one cell a paragraph: two numbers never glue, nor a number and the next row's name
    ("天宁区\n\n14\n\n12\n\n8620\n\n钟楼区\n\n11", "天宁区\n\n14\n\n12\n\n8620\n\n钟楼区\n\n11"),
    # a half-width full stop after a Han character or a closing mark ends a sentence before a digit
    # or a closing quote too (never a number's own point)
    ("惠及居民1.2万户.2022年,洪山区完成改造56个.", "惠及居民1.2万户。2022年,洪山区完成改造56个。"),
    ("“今年已开工48个.”负责人说.", "“今年已开工48个。”负责人说。"),
    ("印发《行动计划》.根据计划,改造2.5万户.", "印发《行动计划》。根据计划,改造2.5万户。"),
    # PDF text set at one width: a line ending a sentence as full as the lines cut inside sentences
    # ends where the width did, and goes on; a shorter one ends its paragraph
    ("2018年至2022年，兰州市累计开工棚户区改造安置住房6.8万套，基本建\n"
     "成5.1万套，帮助12万余名群众搬进新居。兰州市常住人口约441万人，棚改\n"
     "惠及面之广前所未有。城关区是全市棚改任务最重的区，五年间完成征收\n"
     "2.3万户。今年以来，全市新开工棚户区改造安置住房5200套，计划开工。\n"
     "七里河区西站片区改造项目已完成投资11.6亿元，预计明年底交付。\n"
     "全市将继续推进。\n榆中县完成改造1260户。",
     "2018年至2022年，兰州市累计开工棚户区改造安置住房6.8万套，基本建成5.1万套，帮助12万余名群众搬进新居。"
     "兰州市常住人口约441万人，棚改惠及面之广前所未有。城关区是全市棚改任务最重的区，五年间完成征收2.3万户。"
     "今年以来，全市新开工棚户区改造安置住房5200套，计划开工。七里河区西站片区改造项目已完成投资11.6亿元，"
     "预计明年底交付。\n全市将继续推进。\n榆中县完成改造1260户。"),
    # a letter-spaced line is judged by its letters: a labelled figure stays a line of its own, and a
    # space before a half-width comma goes
    ("▍老旧小区改造\n开 工 改 造 ： 1 2 6 个\n惠及居民：3.4万户\n加 装 电 梯 ： 1 9 2 部\n其中，莞城街道开工改造18个。",
     "▍老旧小区改造\n开工改造：126个\n惠及居民：3.4万户\n加装电梯：192部\n其中，莞城街道开工改造18个。"),
    ("今 年 以 来 , 雨 湖 区 改 造 小 区 2 8 个 , 惠 及 居 民 4 1 2 0 户", "今年以来,雨湖区改造小区28个,惠及居民4120户"),
    # a narrow column given one printed line a paragraph (a PDF pasted into a page): lines as long as
    # the column, or nearly when the line before is one too, go on; a heading stays
    ("荆州区老旧小区改造综述\n\n近年来荆州区坚持把老旧小区改造\n\n作为重要民生工程来抓统筹推进城\n\n"
     "市更新行动持续完善城市各项功能\n\n累计改造老旧小区95个建筑面积\n\n约149万平方米楼栋1156\n\n"
     "栋惠及居民16236户基础设施\n\n短板逐步补齐群众获得感幸福感不\n\n断增强。\n\n二、下一步工作\n\n"
     "城中村：拆改结合，留住乡愁\n\n全区将继续推进。",
     "荆州区老旧小区改造综述\n\n近年来荆州区坚持把老旧小区改造作为重要民生工程来抓统筹推进城市更新行动持续完善城市各项功能"
     "累计改造老旧小区95个建筑面积约149万平方米楼栋1156栋惠及居民16236户基础设施短板逐步补齐群众获得感幸福感不断增强。"
     "\n\n二、下一步工作\n\n城中村：拆改结合，留住乡愁\n\n全区将继续推进。"),
    # a full-width comma between full-width digits is a thousands separator only before three digits
    ("截至２０２４.５.３１，３１个小区已进场，涉及１２，５００户。", "截至2024.5.31，31个小区已进场，涉及12,500户。"),
    # a full stop wrapped onto a line of its own ends its paragraph at a blank line
    ("另有电梯68部正在安装调试\n。\n\n二、城中村改造稳步推进", "另有电梯68部正在安装调试。\n\n二、城中村改造稳步推进"),
    # the words closing a line of prose before its colon are no field opening a list
    ("区人民政府决定实施征收。现将有关事项公\n告如下：\n一、征收范围：东至建设路。",
     "区人民政府决定实施征收。现将有关事项公告如下：\n一、征收范围：东至建设路。"),
    # a line of prose cut before a line parted by pictographs goes on; so does a number cut from its unit
    ("截至11月10日，雁塔区2024年老旧\n小区改造项目✅已完工32个 🚧在建15个，累计惠及居民1.1\n万户。",
     "截至11月10日，雁塔区2024年老旧小区改造项目，已完工32个，在建15个，累计惠及居民1.1万户。"),
    # a unit cut after its number is joined without a space (English words get one)
    ("完成改造老旧管网120k\nm。", "完成改造老旧管网120km。"),
    # letter-spacing after a dash and between Chinese numerals goes too
    ("今 年 1 — 5 月 ， 新 启 动 项 目 1 2 个 。", "今年1—5月，新启动项目12个。"),
    ("二 〇 二 三 年 ， 江 阴 市 计 划 改 造 小 区 三 十 个 。", "二〇二三年，江阴市计划改造小区三十个。"),
    # a page setting one line a paragraph (<p> per line): a line with a comma cut inside a word goes on
    ("<h1>西陵区老旧小区改造</h1><p>今年以来，西陵区把老旧小区改造作为</p><p>重点民生工程，全力推进。截至目前，全</p>"
     "<p>区已完成改造62个。</p>", "西陵区老旧小区改造\n\n今年以来，西陵区把老旧小区改造作为重点民生工程，全力推进。截至目前，全区已完成改造62个。"),
    # …but a heading with a comma over a long paragraph stays a heading
    ("前言\n\n城中村：拆改结合，留住乡愁\n\n城中村改造是于都县城市更新的难点。今年，全县启动城中村改造项目4个，涉及房屋1630套，目前已完成签约1420户。",
     "前言\n\n城中村：拆改结合，留住乡愁\n\n城中村改造是于都县城市更新的难点。今年，全县启动城中村改造项目4个，涉及房屋1630套，目前已完成签约1420户。"),
]


@pytest.mark.parametrize("raw,expected", CASES, ids=[c[0][:20] for c in CASES])
def test_normalize_examples(raw, expected):
    assert normalize(raw).text == expected


def test_normalize_front_matter_meta():
    raw = "---\ntitle: '改出高颜值'\nauthor: 某报\ndate: Thu, 23 Dec 2021 02:51:57 GMT\ncategories:\n - 新媒体\n---\n<p>正文。</p>"
    n = normalize(raw)
    # the title stays as the first line, traced to its characters in the front matter
    assert n.text == "改出高颜值\n\n正文。"
    assert n.meta["published"] == "2021-12-23"
    assert n.meta["title"] == "改出高颜值"
    assert n.meta["author"] == "某报"
    assert n.meta["categories"] == ["新媒体"]
    s, e = n.to_source(0, 5)
    assert raw[s:e] == "改出高颜值"
    k = n.text.index("正文")
    s, e = n.to_source(k, k + 2)
    assert raw[s:e] == "正文"
    # a title not written as read (a folded YAML string) is left out
    assert normalize("---\ntitle: >\n  改出\n  高颜值\n---\n正文。").text == "正文。"


@pytest.mark.parametrize("date,expected", [("2021-12-23", "2021-12-23"), ("2022年3月5日", "2022-03-05"),
                                           ("Mon, 07 Mar 2022 08:00:00 +0800", "2022-03-07"), ("not a date", None)])
def test_normalize_front_matter_dates(date, expected):
    assert normalize(f"---\ndate: {date}\n---\n正文").meta["published"] == expected


@pytest.mark.parametrize("body,expected", [
    ("published: 2024/09/03", "2024-09-03"), ("pubDate: 2024-09-03T08:00:00+08:00", "2024-09-03"),
    ("publishDate: 2024年9月3日", "2024-09-03"), ("published_at: 2024-09-03", "2024-09-03"),
    ("date: 2024-09-01\npublished: 2024-09-03", "2024-09-01"),  # SPEC's date first
    ("published: not a date\npubDate: 2024-09-03", "2024-09-03"), ("updated: 2024-09-03", None),
])
def test_normalize_front_matter_date_keys(body, expected):
    """Site generators' and CMS exports' publication keys date the page when SPEC's date is absent."""
    assert normalize(f"---\n{body}\n---\n正文").meta["published"] == expected


@pytest.mark.parametrize("body", ["date: 2022-17-08", "title: [unclosed", "date: 2021-02-30\ntitle: x", ": :"])
def test_normalize_bad_front_matter_is_dropped_not_fatal(body):
    n = normalize(f"---\n{body}\n---\n正文。")
    assert n.text == "正文。" and n.meta["published"] is None


@pytest.mark.parametrize("raw,expected", [
    ('<html><head><meta name="PubDate" content="2023-12-20 10:30"></head><body><p>正文。</p></body></html>', "2023-12-20"),
    ('<meta property="article:published_time" content="2022-05-01T08:00:00+08:00"><p>正文</p>', "2022-05-01"),
    ("金水区老旧小区改造成效显著\n发布时间：2023-12-20 来源：本站\n正文。", "2023-12-20"),
    ("发布日期：2021年3月5日\n正文。", "2021-03-05"),
    ("---\ndate: 2020-01-02\n---\n发布时间：2023-12-20\n正文。", "2020-01-02"),
    ("正文里提到2023-12-20这个日期。", None),
    ("洛阳：城市更新\n\n2024-01-18 09:12  来源：市住建局\n\n正文。", "2024-01-18"),
    ("标题\n2023/6/5 来源：区融媒体中心\n正文。", "2023-06-05"),
    ("标题\n\n2024年9月3日  来源：市住建局\n\n正文。", "2024-09-03"),
    ("政府工作报告\n\n——2024年1月12日在南康区第二届人民代表大会第四次会议上\n\n正文。", "2024-01-12"),
    ("政府工作报告\n（2023年2月6日在县第十七届人民代表大会第三次会议上）\n正文。", "2023-02-06"),
    ("工作情况报告\n（2024年1月22日）\n\n正文。", "2024-01-22"),
    ("【县新闻】标题\n\n（播出时间：2024年11月8日）\n\n正文。", "2024-11-08"),
    # a metadata block of a government-information page: the date written is not the date published
    ("索引号：123/2024-00231\n成文日期：2024-07-15\n发布日期：2024-07-16\n\n标题\n\n正文。", "2024-07-16"),
    ("成文日期：2024-07-15\n\n标题\n\n正文。", None),
    # a reply to a citizen's message is published when replied to
    ("关于某小区改造的留言回复\n\n留言时间：2024-03-02\n回复时间：2024-03-12\n\n网友：您好！", "2024-03-12"),
    ("工作情况报告\n(二〇二四年一月二十二日)\n\n正文。", "2024-01-22"),
    ("工作情况报告\n（2024年1月22日以来的工作）\n\n正文。", None),
    # the issuer's name before the date in brackets, 发布 after it
    ("任务分解表\n\n（荷塘区住房和城乡建设局  2025年3月12日发布）\n\n正文。", "2025-03-12"),
    ("任务分解表\n\n（荷塘区 2025年3月12日以来的工作）\n\n正文。", None),
    # a by-line of labelled fields parted by bars, the date last
    ("标题\n来源：湖北日报｜作者：李四｜2024年11月21日\n\n正文。", "2024-11-21"),
    # a closing line of a newspaper's date before its name
    ("标题\n\n正文。\n\n（2024年12月21日 合肥日报）", "2024-12-21"),
    # an RSS item's <pubDate> (RFC 822), an Atom entry's <published> (ISO 8601)
    ("<rss><item><title>标题</title><pubDate>Tue, 17 Sep 2024 09:12:00 +0800</pubDate>"
     "<description><![CDATA[<p>正文。</p>]]></description></item></rss>", "2024-09-17"),
    ("<feed><entry><published>2024-03-05T08:00:00+08:00</published><content>正文。</content></entry></feed>", "2024-03-05"),
    ("标题\n会议于2024年9月3日在县城召开。\n正文。", None),
    ("标题\n2024年9月3日 10:05 作者：记者 张三\n正文。", "2024-09-03"),
    ("标题\n会议于2024年9月3日 来源：不是署名行\n正文。", None),
    ("标题\n会议定于2023-06-05 来源：不是署名行\n正文。", None),
    # a by-line without a label: a date alone on its line, perhaps with a name, a clock time, a source
    ("荷塘区老旧小区焕新\n\n2023年11月28日  株洲晚报\n\n正文。", "2023-11-28"),
    ("标题\n\n荷塘发布 2024-06-12 18:05 发表于湖南\n\n正文。", "2024-06-12"),
    # a WeChat article's head: 原创, the account's name twice, the date, a clock time, a province
    ("原创 荷塘发布 荷塘发布 2024年08月12日 08:30 湖南\n\n标题\n\n正文。", "2024-08-12"),
    ("标题\n\n记者 今天 走访 了解 2024年08月12日\n\n正文。", None),  # four words before it: no by-line
    ("标题\n\n二〇二四年五月十六日\u3000荷塘区融媒体中心\n\n正文。", "2024-05-16"),
    ("标题\n\n二〇二三年十二月三十一日\n\n正文。", "2023-12-31"),
    ("标题\n\n株洲日报客户端 | 2025-01-16\n\n正文。", "2025-01-16"),
    ("标题\n\n2025-01-16｜株洲日报\n\n正文。", "2025-01-16"),
    ("标题\n\n数据｜2025-01-16，荷塘区开工12个小区。\n\n正文。", None),
    ("标题\n\n2024年9月3日，荷塘区召开老旧小区改造推进会。\n\n正文。", None),
    ("标题\n\n二〇二四年十三月五日\n\n正文。", None),
    ("报告正文。\n\n    某县住房和城乡建设局\n        2024 年 1 月 12 日\n", "2024-01-12"),
    # the newspaper and date closing a republished article
    ("标题\n\n" + "正文。" * 250 + "\n\n（荷塘晚报 2023年11月9日）", "2023-11-09"),
    ("标题\n\n" + "正文。" * 250 + "\n\n(株洲日报 2023年11月9日)\n", "2023-11-09"),
    ("标题\n\n" + "正文。" * 250 + "\n\n（荷塘区2023年11月9日以来的工作）", None),
    ("标题\n\n" + "正文。" * 250 + "\n\n来源：株洲日报　2024-03-18\n", "2024-03-18"),
    ("标题\n\n" + "正文。" * 250 + "\n\n来源：株洲日报", None),
    ("标题\n\n" + "正文。" * 250 + "\n\n（来源：株洲市荷塘区住建局　2024-07-15）\n", "2024-07-15"),
    ("报告正文。\n\n会议于2024年1月12日召开。", None),
])
def test_normalize_page_publication_date(raw, expected):
    assert normalize(raw).meta["published"] == expected


def test_normalize_keeps_place_names_t2s_would_change():
    # 乾县 and 洩湖镇 are official simplified names; t2s would make them 干县, 泄湖镇 (no place)
    n = normalize("乾县计划改造老旧小区24个。")
    assert n.meta["script"] == "simplified" and n.text.startswith("乾县")
    text = "推進老舊小區改造。蓝田县洩湖镇改造4个，乾安縣改造6個，乾隆年間的小區不計。"
    n = normalize(text)
    assert n.meta["script"] == "traditional"
    assert "洩湖镇" in n.text and "乾安县" in n.text and "老旧小区" in n.text
    i = n.text.index("洩湖镇")
    s, e = n.to_source(i, i + 3)
    assert text[s:e] == "洩湖镇"


def test_normalize_script_detection():
    assert normalize("推進老舊小區改造是改善城鄉人居環境的重要工作").meta["script"] == "traditional"
    assert normalize("推进老旧小区改造是改善城乡人居环境的重要工作").meta["script"] == "simplified"


# ---- the seeds (acceptance of issue 2) --------------------------------------------------
def _seed(prefix: str) -> tuple[str, str]:
    d = shared_dir("seeds")
    path = next(d.glob(prefix + "*"))
    raw = path.read_text(encoding="utf-8")
    return raw, normalize(raw).text


def test_normalize_seed_traditional_fully_simplified():
    raw, text = _seed("002")
    n = normalize(raw)
    assert n.meta["script"] == "traditional"
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    assert "老旧小区" in text and "區" not in text and "萬" not in text


def test_normalize_seed_keeps_real_parentheses():
    _, text = _seed("001")
    assert "PPP" in text and "ROT(改建-运营-移交)" in text


def test_normalize_seed_pdf_sentence():
    _, text = _seed("003")
    assert "累计改造老旧小区95个，建筑面积149.62万平方米，楼栋1156栋" in text


def test_normalize_seed_html():
    raw, text = _seed("004")
    n = normalize(raw)
    assert "<" not in text and ">" not in text
    assert n.meta["published"] == "2021-12-23"


def test_normalize_seed_page_breaks():
    _, text = _seed("000")
    assert "成渝地区双城经济圈建设" in text
    assert text.count("份群众满意的高答卷。") == 1


def test_normalize_seed_numbers_map_back():
    d = shared_dir("seeds")
    for path in sorted(d.iterdir()):
        raw = path.read_text(encoding="utf-8")
        n = normalize(raw)
        for m in re.finditer(r"\d+(?:\.\d+)?", n.text):
            s, e = n.to_source(m.start(), m.end())
            assert "".join(raw[s:e].split()) == m.group(), (path.name, m.group(), raw[s:e])


def test_bulleted_line_ends_at_a_blank_line():
    """A bulleted line holding commas (👉 惠及居民2.4万户，完成投资6.3亿元) followed by a blank line
    is an item of its own, not running prose a page break cut; prose cut so is still joined."""
    text = normalize("👉 惠及居民2.4万户，完成投资6.3亿元\n\n下一步，福州将推进剩余25个小区收尾工作。").text
    assert "6.3亿元\n\n下一步" in text
    prose = normalize("截至10月底，全区已完成老旧小区改造工程的主体部分，涉及楼栋\n\n86栋，惠及居民3200户。").text
    assert "涉及楼栋86栋" in prose


def test_table_cells_stay_apart():
    """<td>12</td><td>3200户</td> must not read as 123200户: a cell ends with a comma, a row
    with a full stop, and each number keeps its span in the page."""
    import renewie

    raw = "<p>2024年兰州市老旧小区改造：</p><table><tr><td>城关区</td><td>12</td><td>3200户</td></tr>" \
          "<tr><td>七里河区</td><td>8</td><td>2100户</td></tr></table>"
    n = normalize(raw)
    assert "城关区，12，3200户，。" in n.text and "七里河区，8，2100户，。" in n.text
    counts = renewie.extract(raw).counts
    assert [c.value for c in counts] == [3200, 2100]
    assert all(raw[c.span[0]:c.span[1]] == c.text for c in counts)


def test_markdown_total_row_opening_with_an_empty_cell_keeps_its_line():
    """| | 合计 | | 62 | …: the empty cells before 合计 put no comma, so the row is no continuation of
    the row above; its figures are read for the document's region."""
    import renewie

    raw = ("2025年，常州市新北区拟改造以下老旧小区。\n\n| 序号 | 小区名称 | 所属街道 | 楼栋数（栋） | 户数（户） |\n"
           "|---|---|---|---|---|\n| 1 | 龙锦花园 | 三井街道 | 12 | 436 |\n| 2 | 春江花园 | 春江街道 | 15 | 510 |\n"
           "| | 合计 | | 27 | 946 |\n")
    n = normalize(raw)
    assert "\n合计，，楼栋数27栋，户数946户。" in n.text
    facts = {(f["adcode"], f["metric"], f["value"]) for f in renewie.extract(raw).facts()}
    assert {("320411", "buildings", 27), ("320411", "households", 946)} <= facts


@pytest.mark.parametrize("raw", [
    "<p>2024年，东城区计划改造老旧小区20个。</p><table><tr><th>街道</th><th>改造小区（个）</th><th>惠及户数（户）</th></tr>"
    "<tr><td>景山街道</td><td>12</td><td>1,860</td></tr><tr><td>东华门街道</td><td>8</td><td><b>940</b></td></tr></table>",
    "2024年，东城区计划改造老旧小区20个。\n\n| 街道 | 改造小区（个） | 惠及户数（户） |\n|:--|--:|--:|\n"
    "| 景山街道 | 12 | 1,860 |\n| 东华门街道 | 8 | 940 |\n",
])
def test_table_header_units_read_with_their_numbers(raw):
    """A header's unit (改造小区（个）) makes each bare number of its column a figure of that unit,
    read with the header's label; the inserted words take no characters of the page, so each
    number's span is exactly its own characters.  A cell holding markup is left as it is."""
    import renewie

    doc = renewie.extract(raw)
    got = [(c.text, c.value, c.unit) for c in doc.counts]
    assert ("12", 12, "个") in got and ("1,860", 1860, "户") in got and ("8", 8, "个") in got
    assert all(raw[c.span[0]:c.span[1]] == c.text for c in doc.counts)
    facts = {(r.locality, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert {("景山街道", "communities", 12), ("景山街道", "households", 1860)} <= facts
    if "<b>" in raw:
        assert ("940", 940, "户") not in got


def test_table_spanning_cells_keep_columns_and_rows():
    """A cell spanning columns (colspan) moves the cells after it to their header's column; a
    cell spanning rows (rowspan) holds its column in the rows below, which stay one paragraph
    with its row, parted by semicolons, so that its place governs them; no text is copied and
    every number keeps its own span."""
    import renewie

    raw = ("<p>东城区老旧小区改造完成情况。</p><table><tr><th>街道</th><th>社区</th><th>改造小区（个）</th><th>户数（户）</th></tr>"
           "<tr><td colspan=\"2\">景山街道</td><td>5</td><td>600</td></tr>\n"
           "<tr><td rowspan=\"3\">东华门街道</td><td>甲社区</td><td>2</td><td>200</td></tr>\n"
           "<tr><td>乙社区</td><td>3</td><td>300</td></tr>\n<tr><td>丙社区</td><td>1</td><td>90</td></tr>\n"
           "<tr><td>交道口街道</td><td>丁社区</td><td>4</td><td>400</td></tr></table>")
    text = normalize(raw).text
    assert "景山街道，改造小区5个，户数600户，。" in text
    assert "东华门街道，甲社区，改造小区2个，户数200户，；乙社区，改造小区3个，户数300户，；丙社区，改造小区1个，户数90户，。" in text
    assert "交道口街道，丁社区，改造小区4个，户数400户，。" in text
    doc = renewie.extract(raw)
    assert all(raw[c.span[0]:c.span[1]] == c.text for c in doc.counts)
    by_place = {(r.locality, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert {("东华门街道", "communities", 3), ("东华门街道", "households", 90), ("交道口街道", "communities", 4)} <= by_place


def test_plain_text_table_reads_like_a_table():
    """A table set in plain text (PDF text): a header line naming units over rows with as many
    cells, parted by two spaces or more or by tabs.  Each line becomes a paragraph of cells
    parted by commas and ended by a full stop; the numbers of a unit's column are read with the
    header's label and unit; a letter-spaced word (区  县) is one cell; every number keeps its
    own span; a line with a different number of cells ends the table."""
    import renewie

    raw = ("东城区老旧小区改造完成情况\n各街道进展如下：\n区  县\t改造小区（个）   户数（户）\n"
           "  景山街道      12      1,860\n东华门街道\t8\t940\n注：数据截至9月底  见附表\n")
    text = normalize(raw).text
    assert "景山街道，改造小区12个，户数1,860户。" in text
    assert "东华门街道，改造小区8个，户数940户。" in text
    assert "区县，改造小区（个），户数（户）。\n\n景山街道" in text  # letter-spacing goes later
    assert "。\n\n注：数据截至9月底见附表" in text
    doc = renewie.extract(raw)
    assert [(c.text, c.value) for c in doc.counts] == [("12", 12), ("1,860", 1860), ("8", 8), ("940", 940)]
    assert all(raw[c.span[0]:c.span[1]] == c.text for c in doc.counts)
    # text with spaces but no header naming a unit is left as it is
    from renewie.normalization.markup import text_tables

    plain = "景山街道      12      1,860\n东华门街道   8   940\n"
    assert text_tables(plain)[0] == plain


@pytest.mark.parametrize("raw,lines", [
    # comma-separated values under a header naming units
    ("常德市2024年老旧小区改造完成情况\n\n区县,完成改造小区（个）,惠及居民（户）\n武陵区,32,5120\n鼎城区,18,2460\n",
     ["武陵区，完成改造小区32个，惠及居民5120户。", "鼎城区，完成改造小区18个，惠及居民2460户。"]),
    # cells parted by ideographic spaces, the unit on a 单位 line over a header of words
    ("开封市城市更新投资情况\n\n单位：亿元\n类别　　年度计划　　完成投资\n老旧小区改造　　6.8　　7.2\n城中村改造　　12.5　　11.9\n",
     ["老旧小区改造，年度计划6.8亿元，完成投资7.2亿元。", "城中村改造，年度计划12.5亿元，完成投资11.9亿元。"]),
])
def test_plain_text_table_parted_by_commas_or_ideographic_spaces(raw, lines):
    """A table copied as comma-separated values, or set with ideographic spaces under a 单位 line,
    reads as a plain-text table does; its numbers keep their spans."""
    text = normalize(raw).text
    assert all(line in text for line in lines)
    doc = _extract_keeping_spans(raw, "2024-12-20")
    assert len(doc.counts) + len(doc.amounts) == 4  # every cell's number, none lost


@pytest.mark.parametrize("raw", [
    "项目包括道路,绿化,照明等内容。\n",  # commas in prose, no header naming a unit
    "区县,改造小区（个）,惠及居民（户）\n武陵区,32\n",  # a row with fewer cells
])
def test_comma_lines_that_are_no_table_stay(raw):
    from renewie.normalization.markup import text_tables

    assert text_tables(raw)[0] == raw


def test_plain_text_table_numbering_its_rows_reads_its_total_row():
    """A plain-text table whose first column numbers the rows (序号): a total row leaving the
    number out (合计 under the place column, one cell fewer) is still a row of the table, its
    figures the city's; one cell fewer with no total label ends the table."""
    raw = ("株洲市2024年老旧小区改造完成情况\n\n序号    区县      完成改造小区（个）    惠及居民（户）\n"
           "1       荷塘区    12                   1560\n2       芦淞区    9                    1130\n"
           "        合计      21                   2690\n")
    assert "合计，完成改造小区21个，惠及居民2690户。" in normalize(raw).text
    assert {("430200", "completed", "communities", 21), ("430200", "completed", "households", 2690),
            ("430203", "completed", "communities", 9)} <= _region_facts(_extract_keeping_spans(raw, "2024-12-20"))
    other = raw.replace("合计", "备注")
    assert "备注，完成改造小区21个" not in normalize(other).text


@pytest.mark.parametrize("raw", [
    "<p>雨湖区老旧小区改造计划（2024—2026年）</p><p>主要目标如下：</p><table><tr><th>指标</th><th>2024年</th>"
    "<th>2025年</th><th>2026年</th><th>合计</th></tr><tr><td>改造小区（个）</td><td>42</td><td>38</td><td>35</td>"
    "<td>115</td></tr><tr><td>投资（亿元）</td><td>2.1</td><td>1.9</td><td>1.8</td><td>5.8</td></tr></table>",
    "雨湖区老旧小区改造计划（2024—2026年）\n\n主要目标如下：\n| 指标 | 2024年 | 2025年 | 2026年 | 合计 |\n"
    "| --- | --- | --- | --- | --- |\n| 改造小区（个） | 42 | 38 | 35 | 115 |\n| 投资（亿元） | 2.1 | 1.9 | 1.8 | 5.8 |\n",
    "雨湖区老旧小区改造计划（2024—2026年）\n\n主要目标如下：\n指  标    2024年    2025年    2026年    合  计\n"
    "改造小区（个）    42    38    35    115\n投资（亿元）\t2.1\t1.9\t1.8\t5.8\n",
])
def test_year_column_table_reads_each_year(raw):
    """A table with years for columns (as plans print yearly targets), in HTML, Markdown or plain
    text: each row's first cell names what it counts and the unit; each number of a year's
    column is read with that year, and a total column after the years with all of them; the
    inserted words take no characters of the input; under a line opening a list of targets
    (主要目标如下：) the rows are plans."""
    text = normalize(raw).text
    assert "2024年改造小区42个，2025年改造小区38个，2026年改造小区35个，2024年至2026年改造小区115个" in text
    assert "2025年投资1.9亿元" in text
    doc = _extract_keeping_spans(raw, published="2024-03-01")
    # a year read with a figure stands for its header cell: its span is the cell's
    times = doc.to_dict()["mentions"]["times"]
    assert all(raw[t["span"][0]:t["span"][1]] == t["text"] for t in times)
    assert any(t["text"].replace(" ", "") == "合计" and (t["start"], t["end"]) == ("2024", "2026") for t in times)
    assert {r.period.text.replace(" ", "") for r in doc.records} == {"2024年", "2025年", "2026年", "合计"}
    facts = {(r.period.start, r.period.end, r.status.value, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert {("2024", "2024", "planned", "communities", 42), ("2026", "2026", "planned", "communities", 35),
            ("2024", "2026", "planned", "communities", 115), ("2025", "2025", "planned", "investment_yuan", 190000000),
            ("2024", "2026", "planned", "investment_yuan", 580000000)} <= facts


@pytest.mark.parametrize("raw", [
    "<p>近三年，钦州市持续推进老旧小区改造，主要指标如下：</p><table><tr><th>指标</th><th>2022年</th><th>2023年</th>"
    "<th>2024年（计划）</th></tr><tr><td>改造小区（个）</td><td>31</td><td>44</td><td>50</td></tr>"
    "<tr><td>惠及居民（户）</td><td>0.9万</td><td>1.2万</td><td>1.3万</td></tr>"
    "<tr><td>完成投资（万元）</td><td>1.2万</td><td>8600</td><td>9000</td></tr></table>",
    "近三年，钦州市持续推进老旧小区改造，主要指标如下：\n\n| 指标 | 2022年 | 2023年 | 2024年（计划） |\n| --- | --- | --- | --- |\n"
    "| 改造小区（个） | 31 | 44 | 50 |\n| 惠及居民（户） | 0.9万 | 1.2万 | 1.3万 |\n| 完成投资（万元） | 1.2万 | 8600 | 9000 |\n",
    "近三年，钦州市持续推进老旧小区改造，主要指标如下：\n\n指标    2022年    2023年    2024年计划\n"
    "改造小区（个）    31    44    50\n惠及居民（户）    0.9万    1.2万    1.3万\n完成投资（万元）    1.2万    8600    9000\n",
])
def test_year_column_with_a_plan_word_and_figures_with_their_own_wan(raw):
    """A year column whose header says its figures are a plan (2024年（计划）, 2024年计划) reads them
    with that word; a cell with its own 万 (1.2万 in a column of 户) takes the row's unit, but not a
    unit holding 万 itself (1.2万 with 万元 stays as written); a lead-in with only a weak signal
    (持续推进…，主要指标如下：) leaves each row its own verb."""
    text = normalize(raw).text
    assert "2022年改造小区31个" in text and "2024年计划改造小区50个" in text
    assert "2023年惠及居民1.2万户" in text and "完成投资（万元），1.2万，2023年完成投资8600万元" in text
    doc = _extract_keeping_spans(raw, published="2024-04-01")
    facts = {(r.period.start, r.status.value, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert {("2022", "completed", "communities", 31), ("2023", "completed", "communities", 44),
            ("2024", "planned", "communities", 50), ("2023", "completed", "households", 12000),
            ("2024", "planned", "households", 13000), ("2023", "completed", "investment_yuan", 86000000)} <= facts


@pytest.mark.parametrize("raw", [
    "<p>赣州市2024年前三季度各县区保障性租赁住房筹集情况</p><table><tr><th>县区</th><th>年度目标</th><th>已筹集</th>"
    "<th>完成率</th></tr><tr><td>章贡区</td><td>1200套</td><td>1056套</td><td>88.0%</td></tr>"
    "<tr><td>南康区</td><td>800套</td><td>812套</td><td>101.5%</td></tr></table>",
    "赣州市2024年前三季度各县区保障性租赁住房筹集情况\n\n| 县区 | 年度目标 | 已筹集 | 完成率 |\n|---|---|---|---|\n"
    "| 章贡区 | 1200套 | 1056套 | 88.0% |\n| 南康区 | 800套 | 812套 | 101.5% |\n",
])
def test_word_header_over_cells_with_their_own_units(raw):
    """A header of words (年度目标 | 已筹集) over rows that name no unit, whose cells hold numbers
    with units of their own (1200套): each such number is read after its column's words
    (年度目标1200套), which stand for the header cell; a percentage is left as it is."""
    text = normalize(raw).text
    assert "章贡区，年度目标1200套，已筹集1056套，88.0%" in text
    doc = _extract_keeping_spans(raw, published="2024-10-15")
    facts = {(r.region.name, r.status.value, r.period.start, r.period.end, m, int(q.value))
             for r in doc.records for m, q in r.metrics.items()}
    assert {("章贡区", "planned", "2024", "2024", "housing_units", 1200),
            ("章贡区", "completed", "2024-01", "2024-09", "housing_units", 1056),
            ("南康区", "completed", "2024-01", "2024-09", "housing_units", 812)} <= facts


@pytest.mark.parametrize("raw,lines,published,facts", [
    # a header naming units, then rows of as many lines, a dash an empty cell; the date line above
    # it is no header cell
    (("扬州市2024年老旧小区改造完成情况\n（截至2024年10月31日）\n区县\n计划改造（个）\n已完工（个）\n"
      "完成投资（万元）\n广陵区\n9\n7\n5230\n邗江区\n6\n—\n—\n合计\n15\n7\n5230\n— 3 —\n"),
     ["广陵区，计划改造9个，已完工7个，完成投资5230万元。", "邗江区，计划改造6个，—，—。"], "2024-11-08",
     {("321002", "planned", "communities", 9), ("321002", "completed", "communities", 7),
      ("321002", "completed", "investment_yuan", 52300000), ("321003", "planned", "communities", 6),
      ("321000", "planned", "communities", 15)}),
    # a first column numbering the rows (序号): each row opens with its number in turn or a total's
    # label, after which an empty line is an empty word cell; the 合计 row is the city's
    (("株洲市2024年老旧小区改造计划\n\n序号\n区县\n改造小区（个）\n涉及户数（户）\n1\n荷塘区\n12\n1560\n"
      "2\n芦淞区\n9\n1130\n合计\n\n21\n2690\n"),
     ["1，荷塘区，改造小区12个，涉及户数1560户。", "合计，，改造小区21个，涉及户数2690户。"], "2024-03-20",
     {("430202", "planned", "communities", 12), ("430202", "planned", "households", 1560),
      ("430203", "planned", "communities", 9), ("430203", "planned", "households", 1130),
      ("430200", "planned", "communities", 21), ("430200", "planned", "households", 2690)}),
    # a narrow column's header wrapping its unit onto a line of its own (改造小区\n（个）) is one
    # cell; a progress column (已完工, 在建) speaks for its row under a lead-in that plans
    (("岳塘区2024年老旧小区改造进度\n（2024年10月15日）\n根据年度计划，全区实施改造项目3个，具体如下：\n"
      "序号\n街道\n改造小区\n（个）\n涉及户数\n（户）\n进度\n1\n书院路街道\n4\n860\n已完工\n"
      "2\n建设路街道\n3\n540\n在建\n"),
     ["序号，街道，改造小区（个），涉及户数（户），进度。", "1，书院路街道，改造小区4个，涉及户数860户，已完工。",
      "2，建设路街道，改造小区3个，涉及户数540户，在建。"], "2024-10-15",
     {("430304", "completed", "communities", 4), ("430304", "completed", "households", 860),
      ("430304", "in_progress", "communities", 3), ("430304", "in_progress", "households", 540)}),
])
def test_table_of_one_cell_per_line_reads_rows(raw, lines, published, facts):
    """A table a PDF gives one cell per line: read as rows of cells, each number with its column's
    label and unit; the inserted words take no input characters, the numbers keep their spans."""
    text = normalize(raw).text
    assert all(line in text for line in lines)
    assert facts <= _region_facts(_extract_keeping_spans(raw, published))


@pytest.mark.parametrize("raw,line", [
    ("| 指标 | 7月 | 8月 | 三季度合计 |\n|---|---|---|---|\n| 完工旧住房改造（万平方米） | 2.1 | 3.6 | 5.7 |\n",
     "完工旧住房改造（万平方米），7月完工旧住房改造2.1万平方米，8月完工旧住房改造3.6万平方米，7月至8月完工旧住房改造5.7万平方米。"),
    ("指标      1月份     2月份\n加装电梯（台）     12     15\n",
     "加装电梯（台），1月加装电梯12台，2月加装电梯15台。"),
])
def test_table_of_month_columns_reads_each_month(raw, line):
    """A header of months (7月 | 8月 | 三季度合计) puts each column's month before its numbers and
    the months from first to last before the total's; every number keeps its own span."""
    assert line in normalize(raw).text
    _extract_keeping_spans("2024年徐汇区月报\n\n" + raw, "2024-10-16")


@pytest.mark.parametrize("raw,line", [
    ("年度,区县,改造小区（个）,进度\n2024,锦江区,18,已完工\n", "2024年，锦江区，改造小区18个，已完工。"),
    ("区县  年份  改造小区（个）  惠及户数（户）\n锦江区  2023  18  4230\n", "锦江区，2023年，改造小区18个，惠及户数4230户。"),
    # not a year: the cell is left as it is
    ("年度,区县,改造小区（个）,进度\n第一批,锦江区,18,已完工\n", "第一批，锦江区，改造小区18个，已完工。"),
    # a project's years as a range, and a header naming a year before its label and unit
    ("项目名称,建设起止年限,总投资（万元）,2025年计划投资（万元）\n锦江区老旧小区改造项目,2025—2026,16800,9000\n",
     "锦江区老旧小区改造项目，2025—2026年，总投资16800万元，2025年计划投资9000万元。"),
])
def test_table_year_column_dates_its_rows(raw, line):
    """A column of years (年度, 年份, 建设起止年限) beside columns naming units puts 年 after each year
    or range of years (taking no input characters), so that it dates its row; every number keeps its
    own span."""
    assert line in normalize(raw).text
    _extract_keeping_spans(raw)


def test_header_year_before_unit_stands_for_its_header_cell():
    """A header cell opening with a year (2025年计划投资（万元）) puts that year before each bare number of
    its column; the time read there is traced to the header cell's year, never an empty span."""
    raw = "项目名称,总投资（万元）,2025年计划投资（万元）\n锦江区老旧小区改造项目,16800,9000\n"
    doc = _extract_keeping_spans(raw, "2025-02-20")
    header_year = raw.index("2025年")
    # the header's own words and the year put before the 9000 both read the header cell's characters
    assert doc.times and {(t.span, t.start) for t in doc.times} == {((header_year, header_year + 5), "2025")}
    assert ("510104", "planned", "investment_yuan", 90000000) in _region_facts(doc)


def test_field_naming_its_unit_reads_its_bare_number():
    """A field whose label closes with its unit (预算金额（万元）：1,986.40) reads its bare number in
    that unit; the unit put after it takes no input characters, so the amount's span is its digits."""
    raw = ("采购项目名称：荆州区2023年城镇老旧小区改造项目\n采购需求概况：对8个老旧小区实施改造。\n"
           "预算金额（万元）：1,986.40\n改造面积(平方米)：52680\n")
    doc = _extract_keeping_spans(raw, "2023-06-12")
    assert [(a.text, a.value) for a in doc.amounts] == [("1,986.40", 19864000)]
    assert ("52680", 52680, "平方米") in [(c.text, c.value, c.unit) for c in doc.counts]
    assert ("421003", "planned", "investment_yuan", 19864000) in _region_facts(doc)


@pytest.mark.parametrize("raw", [
    "改造成效\n新增停车位（个）\n加装电梯（部）\n全年成绩单\n见下文。\n",  # no row of numbers under it
    "区县\n计划改造（个）\n已完工（个）\n广陵区\n九\n七\n",  # numbers in words: no cell of a unit's column
    # a row not numbered in turn under a 序号 header: its cells may not be in the header's columns
    "序号\n区县\n改造小区（个）\n涉及户数（户）\n2\n荷塘区\n12\n1560\n",
])
def test_lines_that_are_no_table_of_one_cell_per_line_stay(raw):
    from renewie.normalization.markup import line_cell_tables

    assert line_cell_tables(raw)[0] == raw


def test_two_row_html_header_reads_group_and_column():
    """A header in two rows, the first grouping columns (老旧小区改造 spanning 开工（个） and 完工
    （个）), a cell spanning both rows (市州): each number is read with its group, its column and
    the unit, and keeps its own span."""
    raw = ("<p>2024年上半年各市改造进展如下：</p><table><tr><th rowspan=\"2\">市州</th><th colspan=\"2\">老旧小区改造</th>"
           "<th colspan=\"2\">棚户区改造</th></tr><tr><th>开工（个）</th><th>完工（个）</th><th>新开工（套）</th>"
           "<th>基本建成（套）</th></tr><tr><td>株洲市</td><td>128</td><td>57</td><td>1650</td><td>980</td></tr></table>")
    text = normalize(raw).text
    assert "株洲市，老旧小区改造开工128个，老旧小区改造完工57个，棚户区改造新开工1650套，棚户区改造基本建成980套" in text
    doc = _extract_keeping_spans(raw, published="2024-07-10")
    facts = {(r.category, r.status.value, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert facts == {("old_community", "started", "communities", 128), ("old_community", "completed", "communities", 57),
                     ("shantytown", "started", "housing_units", 1650), ("shantytown", "completed", "housing_units", 980)}


def test_two_row_html_header_whose_groups_name_the_unit():
    """…and one whose groups name the unit (老旧小区（个） over 计划 | 完工): the group is read as a
    header of two rows, not of its own cells; a plan word of a column speaks for its cell only."""
    raw = ("<p>截至2024年11月30日，兰州市七里河区改造进展如下：</p><table><tr><td rowspan=\"2\">街道</td>"
           "<td colspan=\"2\">老旧小区（个）</td><td colspan=\"2\">惠及居民（户）</td></tr>"
           "<tr><td>计划</td><td>完工</td><td>计划</td><td>完工</td></tr>"
           "<tr><td>西园街道</td><td>7</td><td>7</td><td>1460</td><td>1460</td></tr></table>")
    assert "西园街道，老旧小区计划7个，老旧小区完工7个，惠及居民计划1460户，惠及居民完工1460户" in normalize(raw).text
    doc = _extract_keeping_spans(raw, published="2024-12-05")
    facts = {(r.status.value, m, q.value) for r in doc.records for m, q in r.metrics.items()}
    assert facts == {("planned", "communities", 7), ("completed", "communities", 7),
                     ("planned", "households", 1460), ("completed", "households", 1460)}


def test_year_columns_need_a_unit_in_the_row():
    """Years over rows that name no unit (places) insert nothing: a count needs its unit."""
    from renewie.normalization.markup import text_tables, year_columns

    assert year_columns(["区县", "2023年", "2024年", "合计"]) is not None
    assert year_columns(["区县", "2023年", "备注"]) is None  # one year, a column that is no total
    assert year_columns(["区县", "2023年", "2024年", "备注"]) is None
    plain = "区县    2023年    2024年\n岳塘区    12    15\n"
    assert text_tables(plain)[0] == plain


@pytest.mark.parametrize("raw", [
    "<table><tr><th>指标</th><th>年度计划</th><th>已开工</th><th>已完工</th><th>完成投资（万元）</th></tr>"
    "<tr><td>老旧小区改造（个）</td><td>32</td><td>32</td><td>21</td><td>18650</td></tr></table>",
    "| 指标 | 年度计划 | 已开工 | 已完工 | 完成投资（万元） |\n|---|---|---|---|---|\n| 老旧小区改造（个） | 32 | 32 | 21 | 18650 |\n",
    "指标    年度计划    已开工    已完工    完成投资（万元）\n老旧小区改造（个）    32    32    21    18650\n",
])
def test_word_columns_read_each_figure_with_its_header_and_the_rows_unit(raw):
    """A header of words (年度计划 | 已开工 | 已完工) over rows naming their label and unit reads
    each bare number as header, label, number and unit; a column naming its own unit keeps it.
    The inserted words take no input characters, so every count keeps its own span."""
    text = normalize(raw).text
    assert "年度计划老旧小区改造32个，已开工老旧小区改造32个，已完工老旧小区改造21个，完成投资18650万元" in text
    doc = _extract_keeping_spans(raw)
    assert sorted(q.value for q in doc.counts) == [21, 32, 32]


@pytest.mark.parametrize("raw", [
    "<table><tr><th>指标名称</th><th>单位</th><th>年度计划</th><th>1-10月完成</th><th>完成率</th></tr>"
    "<tr><td>老旧小区改造开工</td><td>个</td><td>180</td><td>176</td><td>97.8%</td></tr>"
    "<tr><td>排水管网改造</td><td>公里</td><td>150</td><td>132.6</td><td>88.4%</td></tr></table>",
    "| 指标名称 | 单位 | 年度计划 | 1-10月完成 | 完成率 |\n|---|---|---|---|---|\n"
    "| 老旧小区改造开工 | 个 | 180 | 176 | 97.8% |\n| 排水管网改造 | 公里 | 150 | 132.6 | 88.4% |\n",
    "指标名称    单位    年度计划    1-10月完成    完成率\n老旧小区改造开工    个    180    176    97.8%\n"
    "排水管网改造    公里    150    132.6    88.4%\n",
    # a serial number before the label is no label
    "序号    指标名称    单位    年度计划    1-10月完成\n1    老旧小区改造开工    个    180    176\n"
    "2    排水管网改造    公里    150    132.6\n",
])
def test_word_columns_read_the_unit_of_a_unit_column(raw):
    """A header of words with a unit column (指标名称 | 单位 | 年度计划 | 1-10月完成) reads each bare
    number with its column's words, the row's label and the unit its row gives in that column;
    a column of months done (1-10月完成) is a column of words.  Spans stay the figures' own."""
    text = normalize(raw).text
    assert "年度计划老旧小区改造开工180个，1-10月完成老旧小区改造开工176个" in text
    assert "年度计划排水管网改造150公里，1-10月完成排水管网改造132.6公里" in text
    doc = _extract_keeping_spans(raw)
    assert sorted(q.text for q in doc.counts + doc.amounts) == ["132.6", "150", "176", "180"]


@pytest.mark.parametrize("mark", ["- ", "* ", "+ ", "· "])
def test_plain_list_marks_keep_their_lines(mark):
    """A line opening with a Markdown or plain list mark and a space is a line of its own; a
    hyphen with no space after it (a range, a minus) joins as before."""
    raw = f"成绩单\n{mark}开工改造：老旧小区312个\n{mark}完成改造：187个\n"
    text = normalize(raw).text
    assert "312个\n" in text and "个" + mark.strip() not in text
    assert "0.4元-\n0.5元" not in normalize("收费0.4元-\n0.5元/平方米").text


def test_word_columns_need_two_words_and_a_unit_in_the_row():
    """One word column is no header of words; rows naming no unit (places, serial numbers) read
    only the columns naming their own unit, as before."""
    from renewie.normalization.markup import LabelColumns, header_columns, word_columns

    assert word_columns(["项目", "已开工"]) is None
    assert word_columns(["项目", "已开工", "增长12%"]) is None  # a cell that is no short word
    cols = header_columns(["序号", "小区名称", "改造内容", "楼栋（栋）"], "", None)
    assert isinstance(cols, LabelColumns)
    row = cols.of_row(["1"])
    assert row is not None and row[1] is None and row[2] is None and row[3].unit == "栋"
    assert word_columns(["区县", "小区", "备注"]).of_row(["东城区"]) is None
    # …but a cell holding a number with its own unit takes its column's words alone
    row = word_columns(["区县", "年度目标", "已筹集"]).of_row(["章贡区", "1200套", "1056"])
    assert row is not None and (row[1].head, row[1].label, row[1].unit) == ("年度目标", "", "") and row[2] is None
    plain = "区县    计划    完成\n东城区    12    9\n"
    assert normalize(plain).text.count("个") == 0


@pytest.mark.parametrize("mark", ["— 2 —", "- 12 -", "第3页", "第 3 页 共 10 页", "3/10", "－ 4 －"])
def test_page_marks_and_running_headers_are_dropped(mark):
    """A page number on a line of its own goes, and with it a running header beside it (a short
    line the text holds elsewhere too); the prose around them joins, so a figure cut by the page
    break is whole, and it keeps its span."""
    import renewie

    raw = f"东城区住房和城乡建设局文件\n\n2023年，东城区新建改造雨污管网\n{mark}\n东城区住房和城乡建设局文件\n12.4公里，加装电梯8部。"
    text = normalize(raw).text
    assert "新建改造雨污管网12.4公里" in text
    assert text.startswith("东城区住房和城乡建设局文件") and text.count("文件") == 1
    q = next(a for a in renewie.extract(raw).counts if a.value == 12400)
    assert raw[q.span[0]:q.span[1]] == "12.4公里"
    # a number alone on a line, or a range of years, is no page mark
    assert "2021-2023" in normalize("改造完成情况\n2021-2023\n累计改造老旧小区30个。").text


def test_a_numbered_heading_beside_a_page_mark_is_no_running_header():
    """A slide deck's outline lists its section headings, and each heading opens a later page:
    the line beside the page number is in the text twice, yet it opens with a list number (三、)
    or a bullet, so it is a heading and stays, and the figures under it keep their section."""
    raw = ("工作汇报\n\n一、上半年进展\n二、下半年安排\n\n第1页\n\n一、上半年进展\n● 已完工11个\n\n"
           "第2页\n\n二、下半年安排\n● 年底前再完工9个\n\n第3页\n\n● 部分居民意见难统一\n● 部分居民意见难统一")
    text = normalize(raw).text
    assert text.count("一、上半年进展") == 2 and text.count("二、下半年安排") == 2
    assert text.count("部分居民意见难统一") == 2
    assert "第1页" not in text and "第2页" not in text


def test_running_header_set_wide_apart_is_dropped():
    """A running header whose parts a PDF sets far apart (公报 … 2024 年第 6 期) is short in visible
    characters: beside a page number it goes, and the sentence it cut joins."""
    gap = " " * 35
    raw = (f"东城区人民政府公报{gap}2024 年第 6 期\n\n东城区上半年城市更新工作情况\n\n"
           f"    上半年，东城区老旧小区改造开工 36 个，\n{' ' * 30}— 23 —\n东城区人民政府公报{gap}2024 年第 6 期\n\n"
           "完工 11 个，惠及居民 6800 余户。")
    text = normalize(raw).text
    assert "开工36个，完工11个" in text and text.count("公报") == 1


def test_a_figure_alone_on_its_line_closes_its_label():
    """The text of an infographic gives each figure on a line under its label (完成改造\n42个\n惠及居民
    \n1.28万户): a line that is only a figure ends there, so the next label opens a line of its own;
    a line of prose cut before its figure still joins, and a figure line before more figures or
    before a clause going on still joins."""
    text = normalize("成绩单\n\n老旧小区改造\n完成改造\n42个\n惠及居民\n1.28万户\n").text
    assert "完成改造42个\n惠及居民1.28万户" in text
    assert normalize("全区共完成改造老旧小区\n42个\n，惠及居民1.28万户。").text.count("\n") == 0
    assert "42个惠及居民" not in text


def test_infographic_figures_are_each_their_labels():
    import renewie

    doc = renewie.extract("一图读懂丨2024年芙蓉区城市更新成绩单\n\n老旧小区改造\n完成改造\n36个\n惠及居民\n9860户\n")
    got = {(r.category.value, m): q.value for r in doc.records for m, q in r.metrics.items()}
    assert got == {("old_community", "communities"): 36, ("old_community", "households"): 9860}


def test_infographic_figures_over_their_captions():
    """…and one setting each figure over its caption (86个\n老旧小区完成改造): the figure opening its
    block joins the caption below it, whose last noun is what it counts (…新增停车位: parking, not
    communities); 居民受益 says the residents were reached."""
    import renewie

    raw = "数读2024｜芙蓉区城市更新成绩单\n\n52个\n老旧小区完成改造\n\n1.6万户\n居民受益\n\n930个\n老旧小区新增停车位\n"
    assert "52个老旧小区完成改造\n" in normalize(raw).text
    doc = renewie.extract(raw)
    got = {(r.status.value, m): q.value for r in doc.records for m, q in r.metrics.items()}
    assert got == {("completed", "communities"): 52, ("completed", "households"): 16000,
                   ("completed", "parking_spaces"): 930}


def test_box_drawn_table_reads_as_a_pipe_table():
    """A table drawn with box characters (┌─┬─┐, │ cells │) is read like a pipe table, its offsets
    unchanged (one character for one); box characters in a line of prose stay."""
    raw = ("余杭区2024年老旧小区改造完成情况表\n\n┌────┬────┬────┐\n│ 街道 │ 计划改造（个）│ 已完工（个）│\n"
           "├────┼────┼────┤\n│ 五常街道 │ 4 │ 3 │\n└────┴────┴────┘\n")
    assert "五常街道，计划改造4个，已完工3个" in normalize(raw).text
    doc = _extract_keeping_spans(raw, published="2024-12-25")
    assert {(r.status.value, q.value) for r in doc.records for q in r.metrics.values()} == {("planned", 4), ("completed", 3)}
    assert normalize("改造前后对比│效果明显").text == "改造前后对比│效果明显"
