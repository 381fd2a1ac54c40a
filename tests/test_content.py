"""The real handbook: passes every check, and nothing from the sources goes missing.

REQUIRED lists, per page id, phrases that carry a fact, figure, rule or standard
phrase from the source decks.  Deleting a section or changing a figure by
mistake makes this fail, naming the page and what is missing.
"""
from __future__ import annotations

import pytest

from handbook.checks import check_docs
from handbook.normalise import normalise
from handbook.settings import load_settings


@pytest.fixture(scope="module")
def report():
    return check_docs(load_settings())


@pytest.fixture(scope="module")
def text_by_id(report):
    return {page.meta.get("id"): page.text for page in report.pages if page.text}


def test_real_docs_pass_every_check(report):
    assert [p.format() for p in report.errors] == []


REQUIRED = {
    # 场景话术: counter deck pairs (001)
    "scn-greeting": ["欢迎光临", "请您到XX柜台办理XX手续", "请问需要喝水吗", "什么事？办什么？"],
    "scn-forms-and-papers": ["麻烦您更正一下", "您还缺少X证件", "手续不全，办不了"],
    "scn-waiting": ["电脑运行速度较慢", "我正在为您办理业务，请稍等", "没看到我忙着吗"],
    "scn-out-of-scope": ["我向权威部门请示一下", "能否留下您的联系方式", "你自己看一下规定"],
    "scn-criticism": ["刚才工作疏忽，请原谅", "没有什么大不了的", "我管不了，跟我说没有用"],
    "scn-outburst": ["我能够理解您的心情", "爱找谁找谁", "公司就是这么规定的"],
    "scn-closing": ["不用谢，这是我们应该做的", "阖家幸福", "请您检查一下您的随身物品"],
    "scn-after-hours": ["下班了，明天再来吧", "电脑已经关闭了"],
    # 电话 (002)
    "scn-phone-intake": ["{{ 接听时限 }}", "{{ 公司名称 }}", "您继续讲", "您的问题主要是", "{{ 服务热线 }}", "还需要其他的帮助"],
    "scn-phone-callback": ["耽误您几分钟", "非常抱歉打搅您了", "表明身份"],
    # 客户类型 (000)
    "scn-confused-customer": ["给用户一点信心", "把握原则"],
    "scn-demanding-customer": ["300", "{{ 居民每次限购 }}", "110"],
    "scn-impulsive-customer": ["冲动型"],
    "scn-complaint-first-contact": ["合同", "业务员", "投保人", "委托书"],
    "scn-calming-complaints": ["我会", "我理解", "您能", "您可以"],
    "scn-complaint-taboos": ["摆事实讲道理", "一味道歉", "这是常有的事"],
    # 投诉风险 (001)
    "risk-storm-type": ["10", "横幅"],
    "risk-tearful-elderly": ["棺材本"],
    "risk-silent-evidence": ["3", "录音", "保监局"],
    "risk-agent-current": ["在职业务员"],
    "risk-agent-former": ["离职业务员", "隔离"],
    "risk-identity": ["政府人士", "法律人士", "有影响力人士", "弱势群体"],
    "risk-temperament": ["上访", "诉讼", "媒体朋友"],
    "risk-media-open": ["媒体人员身份", "办公室"],
    "risk-media-undercover": ["暗拍", "暗录"],
    "risk-other-org-undercover": ["消协", "质量万里行"],
    "risk-violent-customer": ["人员伤害", "重大财务损失", "公安机关"],
    "risk-group-visit": ["{{ 群访人数 }}", "接待室"],
    "risk-complaint-causes": ["信息不对称", "沟通不畅", "理解歧义", "另有所图"],
    "risk-mishandling-consequences": ["监管风险", "媒体风险", "群诉群访"],
    "risk-complaint-classes": ["一般", "重大", "特殊"],
    # 政策解释 (000, 001, 002)
    "pol-connection-fee": ["{{ 报装费 }}", "{{ 热水器火头退费 }}", "安全"],
    "pol-purchase-limit": ["{{ 限购开始 }}", "{{ 居民每次限购 }}", "{{ 居民购气余量 }}", "{{ 取暖用户每月限购 }}",
                           "去年同期月用气量", "刷卡"],
    "pol-complaint-response-time": ["{{ 投诉答复时限 }}", "{{ 投诉记录单 }}"],
    "pol-three-rings": ["{{ 接听时限 }}"],
    "pol-callback-standard": ["对方挂机后再挂断"],
    "pol-police-involvement": ["人员伤害", "重大财务损失"],
    # 服务理念与原则 (000, 001)
    "art-service-elements": ["可靠", "可信", "热情", "切实", "行动", "态度", "客户观点"],
    "art-quality-dimensions": ["有形度", "同理度", "专业度", "反应度", "信赖度"],
    "art-four-understandings": ["理解我们的企业", "理解我们的工作", "理解我们的客户", "理解我们自己"],
    "art-customer-and-service": ["广义", "狭义", "口碑", "过去的经历", "个人需求", "安全权", "知情权", "受尊重权", "监督权"],
    "art-stage-1-reception": ["信息需求", "环境需求", "情感需求"],
    "art-stage-2-understanding": ["开放式", "封闭式", "复述", "李先生"],
    "art-handling-problems": ["六", "八", "YES", "BUT"],
    "art-stage-4-retaining": ["满意", "感谢"],
    "art-service-values": ["以客户为中心", "客户满意是衡量服务品质的唯一标准", "信守承诺、真诚服务", "舒心、欢心、顺心、宽心"],
    "art-etiquette": ["声音优美", "语速适中", "坐姿", "站姿", "走姿", "蹲姿", "引领"],
    "art-customer-care": ["CRM"],
    # 流程与案例 (001-004)
    "art-service-flow": ["确认合同", "账号开通", "电话回访", "记录存档"],
    "art-call-handling": ["咨询类", "服务类", "投诉类", "区域客服专员", "审核人员", "信息的完整性", "信息的规范性"],
    "art-complaint-process": ["一般类投诉", "特殊类投诉", "投诉处理单", "```mermaid"],
    "art-counter-routines": ["{{ 上班准备时间 }}", "离柜", "减压"],
    "art-cases": ["50 元", "三个金人", "张先生", "300 元", "大禹治水", "马歇尔·费尔德"],
    "art-figures": ["9 %", "19 %", "54 %", "82 %", "4 %", "96 %", "16～20", "```mermaid"],
    "art-training": ["- [ ]", "参考答案"],
}


@pytest.mark.parametrize("page_id", sorted(REQUIRED))
def test_source_content_is_still_there(text_by_id, page_id):
    assert page_id in text_by_id, f"page {page_id} is missing"
    text = normalise(text_by_id[page_id])
    missing = [phrase for phrase in REQUIRED[page_id] if normalise(phrase) not in text]
    assert missing == [], f"{page_id} lost: {missing}"


# Policy figures live once in snippets/org.yml (pages use {{ name }}); these are the
# values the source decks give, so a change there is a deliberate policy change.
ORG_FIGURES = {
    "报装费": "2480元", "热水器火头退费": "180元", "安装联系时限": "15个工作日", "限购开始": "2021年3月",
    "居民每次限购": "50方", "居民购气余量": "30方", "取暖用户每月限购": "350方",
    "投诉答复时限": "三个工作日", "接听时限": "三声", "上班准备时间": "10分钟", "群访人数": "3人以上",
    "投诉记录单": "《客户投诉记录单》",
}


def test_policy_figures_are_the_sources_figures():
    values = load_settings().org_values
    assert {name: values.get(name) for name in ORG_FIGURES} == ORG_FIGURES


def test_no_conversion_errors_from_the_sources_survive(report):
    # The README of the sources lists these bad conversions and typos.
    wrong = ["效勞", "效劳", "原那么", "平安權", "平安隱患", "平安用氣", "平安权", "平安隐患", "平安用气", "本卷須知",
             "根底", "成認", "監視權", "监视权", "反響度", "反响度", "外表的需求", "一局部", "歡送", "欢送", "輸導", "输导",
             "師付", "师付", "邦您", "購置", "购置", "投拆", "阂家", "新的光临", "情核对", "怎办办理", "Unitofmeasure"]
    found = [(page.path, w) for page in report.pages if page.text for w in wrong
             if w in page.text and not page.path.startswith("guide/")]
    allowed = {(p, w) for p, w in found if p == "principles/quality-dimensions.md" and w in ("反响度",)}
    assert sorted(set(found) - allowed) == []


def test_no_traditional_characters_in_the_handbook(report):
    import opencc
    to_simplified = opencc.OpenCC("t2s")
    bad = []
    for page in report.pages:
        if page.path.startswith("guide/"):
            continue  # the trainer guide shows traditional input as an example
        if page.text and to_simplified.convert(page.text) != page.text:
            diff = [c for c, s in zip(page.text, to_simplified.convert(page.text)) if c != s]
            bad.append((page.path, "".join(sorted(set(diff)))))
    assert bad == []
