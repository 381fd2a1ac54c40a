"""The catalogue of content rules.

Each rule is data, in the manner of Vale's rules: a stable code, the message a
trainer reads (Chinese, with {placeholders}), and how to fix it.  Checks refer to
rules by code; the trainer guide's error table is generated from this list, so a
new rule is documented the moment it exists.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    fix: str
    severity: str = "error"  # "error" fails the build; "notice" is only reported


_RULES = [
    # --- reading the file -------------------------------------------------
    Rule("encoding", "文件不是 UTF-8 编码{guess}，第 {line} 行起无法读取",
         "在编辑器里用「UTF-8」编码另存（记事本：另存为 → 编码选 UTF-8），或在项目目录运行 make fix 自动转换"),
    Rule("front-matter-missing", "缺少页头（文件开头用 --- 围起来的一段）",
         "在文件第一行加上页头，写明 id、kind、title、owner、reviewed，模板见「编写指南 → 页面格式」"),
    Rule("front-matter-unclosed", "页头从第 1 行的 --- 开始，但一直没有结束的 ---",
         "在页头最后一个键的下一行单独写一行 ---"),
    Rule("front-matter-tab", "页头里有 Tab 字符，YAML 不允许用 Tab 缩进",
         "把这一行的 Tab 换成空格（两个空格一级），或运行 make fix"),
    Rule("front-matter-fullwidth-colon", "页头的键「{key}」后面用了全角冒号「：」",
         "改成半角冒号加一个空格：{key}: …"),
    Rule("front-matter-syntax", "页头不是有效的 YAML：{problem}",
         "检查这一行的冒号、引号和缩进；值里有冒号或以 [ {{ # 开头时，请用英文引号把整个值括起来"),
    Rule("front-matter-not-mapping", "页头应当是「键: 值」的列表",
         "每行写一个「键: 值」，例如 title: 招呼与引导"),
    # --- front matter schema ---------------------------------------------
    Rule("fullwidth-list-punctuation", "键「{key}」的列表用了全角符号「{value}」，会被当成一整个值",
         "列表用半角方括号和半角逗号，例如 {key}: [柜面, 电话]"),
    Rule("unknown-key", "页头里有未知的键「{key}」{suggestion}",
         "改成正确的键名，或删掉这一行；可用的键见「编写指南 → 页面格式」"),
    Rule("missing-key", "{kind_name}页面缺少必填的键「{key}」",
         "在页头加上一行 {key}: …（{hint}）"),
    Rule("bad-value", "键「{key}」的值「{value}」不在允许的范围内{suggestion}",
         "从这些值里选：{allowed}"),
    Rule("bad-type", "键「{key}」应当是{expected}，现在是「{value}」",
         "{example}"),
    Rule("bad-date", "键「{key}」的日期「{value}」无法识别",
         "按「年-月-日」写，例如 {key}: 2026-11-01"),
    Rule("bad-id", "编号「{value}」格式不对",
         "只用小写英文字母、数字和连字符，以字母开头，例如 scn-greeting"),
    Rule("duplicate-id", "编号「{value}」已经在 {other} 用过了",
         "给其中一页换一个全站唯一的编号"),
    Rule("unknown-reference", "引用的编号「{value}」不存在{suggestion}",
         "改成存在的{kind_name}编号，或删掉这一项"),
    Rule("wrong-reference-kind", "「{key}」里的「{value}」是{actual}页面，不是{expected}页面",
         "把它移到 {right_key} 里"),
    # --- body ----------------------------------------------------------
    Rule("title-mismatch", "正文标题「{heading}」与页头 title「{title}」不一致",
         "把两处改成同一个标题"),
    Rule("missing-h1", "正文没有一级标题（# 标题）",
         "在页头下面第一行写 # {title}"),
    Rule("unknown-value-name", "{{{{ {name} }}}} 不是已设置的机构信息{suggestion}",
         "可用的名称：{known}；新名称请加到 snippets/org.yml"),
    Rule("org-literal", "正文直接写了「{value}」",
         "写成 {{{{ {name} }}}}，机构信息只在 snippets/org.yml 设置一次"),
    Rule("bold-not-rendered", "这一行的 ** 加粗不会生效，页面上会直接显示星号",
         "把紧贴 ** 的标点移到 ** 外面，例如把 **客户：**你好 改成 **客户**：你好"),
    Rule("fullwidth-admonition", "「！！！」是全角感叹号，不会变成提示块",
         "改成半角：!!! {rest}"),
    Rule("unknown-block-type", "提示块类型「{value}」不存在{suggestion}",
         "话术用 say（这样说）、dont（不要这样说）、why（为什么）；其他提示用 note、tip、warning、danger 等"),
    Rule("empty-wording", "「{label}」块是空的",
         "在块里写话术，每行前面缩进 4 个空格；忘了缩进时内容不算在块里"),
    Rule("wording-outside-situation", "「{label}」块不在任何情境（## 二级标题）下面",
         "在它前面加一个 ## 情境标题，说明客户此时做了什么、说了什么"),
    Rule("scenario-no-situation", "场景页面没有任何情境（## 二级标题）",
         "每个情境写一个 ## 标题，下面配「这样说」和「不要这样说」"),
    Rule("situation-missing-approved", "情境「{heading}」没有「这样说」（!!! say）",
         "在这个情境下加一个 !!! say \"这样说\" 块，写出推荐的说法"),
    Rule("situation-missing-forbidden", "情境「{heading}」没有「不要这样说」（!!! dont）",
         "在这个情境下加一个 !!! dont \"不要这样说\" 块，写出容易说错的话"),
    Rule("policy-missing-section", "政策页面缺少二级标题「## {section}」",
         "政策页按顺序写五节：## 规定、## 为什么、## 怎样向客户解释、## 不要这样说、## 例外"),
    Rule("policy-section-order", "政策页面的「## {section}」应当在「## {before}」后面",
         "按顺序排列五节：规定、为什么、怎样向客户解释、不要这样说、例外"),
    Rule("policy-missing-approved", "「## 怎样向客户解释」下面没有「这样说」（!!! say）",
         "加一个 !!! say \"这样说\" 块，写出向客户解释这条规定的原话"),
    Rule("policy-missing-forbidden", "「## 不要这样说」下面没有「不要这样说」（!!! dont）",
         "加一个 !!! dont \"不要这样说\" 块，写出解释这条规定时绝不能说的话"),
    Rule("forbidden-in-approved", "「这样说」里含有禁用说法「{phrase}」（禁用说法见 {where}）",
         "改写这句推荐话术，去掉禁用的说法；如果那句禁用说法写得太宽，请把它写具体"),
    # --- review freshness: reported, never fails the build (so it is logged below
    # WARNING, which --strict would count as a failure) ---------------------
    Rule("review-overdue", "内容已过复核期：上次复核 {reviewed}，应在 {due} 前复核（负责人：{owner}）",
         "请负责人复核内容，然后把 reviewed 改成复核当天的日期", severity="notice"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


# --- setup: mkdocs.yml, snippets/org.yml, handbook settings (issue 10) ------
# Reported by handbook/configuration.py with the file and line; {file} is the
# file as named from the project directory.
_SETUP_RULES = [
    Rule("config-file-missing", "找不到文件 {path}",
         "在知识库根目录运行（mkdocs.yml 所在的目录），或用 --config 指明 mkdocs.yml 的路径；"
         "机构信息文件请按 snippets/org.yml 的格式新建"),
    Rule("config-encoding", "{file} 不是 UTF-8 编码，第 {start} 行起无法读取",
         "在编辑器里用「UTF-8」编码另存这个文件"),
    Rule("config-tab", "{file} 这一行有 Tab 字符，YAML 不允许用 Tab 缩进",
         "把 Tab 换成空格（每级两个空格）"),
    Rule("config-fullwidth-colon", "{file} 里「{key}」后面用了全角冒号「：」",
         "改成半角冒号加一个空格：{key}: …"),
    Rule("config-syntax", "{file} 不是有效的 YAML：{problem}",
         "对照上下几行检查缩进（同一级对齐，每级两个空格）、冒号和引号；值里有冒号或 # 时用英文引号括起来"),
    Rule("config-not-mapping", "{file} 应当是一组「设置名: 值」",
         "对照项目里原来的 mkdocs.yml 恢复它的结构"),
    Rule("config-invalid", "{file} 的设置「{key}」有误：{problem}",
         "按 MkDocs 的说明改正这个设置（https://www.mkdocs.org/user-guide/configuration/），"
         "或对照项目里原来的 mkdocs.yml"),
    Rule("setting-not-mapping", "{file} 的 extra.handbook 应当是一组「设置名: 值」",
         "写成 handbook: 下一行缩进两格写 review_every_days: 180"),
    Rule("setting-unknown", "{file} 里有未知的设置「{key}」{suggestion}",
         "可用的设置：{known}；改正拼写或删掉这一行"),
    Rule("setting-bad-number", "{file} 的设置 {key} 应当是大于 0 的整数（天数），现在是「{value}」",
         "只写数字，例如 {example}"),
    Rule("setting-bad-today", "环境变量 HANDBOOK_TODAY 的日期「{value}」无法识别",
         "按「年-月-日」写，例如 HANDBOOK_TODAY=2026-11-23，或去掉这个环境变量"),
    Rule("nav-not-list", "{file} 的 nav（导航）应当是一个列表",
         "每一项写成「  - 标题: 路径」或「  - 路径」，每级多缩进两格"),
    Rule("nav-empty-section", "{file} 的导航「{title}」下面没有页面（多半是下一行少缩进了）",
         "把属于「{title}」的页面写在它下面，并比「- {title}:」多缩进两个空格"),
    Rule("nav-missing-page", "{file} 的导航里的「{value}」不是 docs/ 下的页面{suggestion}",
         "改成 docs/ 下存在的文件路径（例如 scenarios/greeting.md），或写成「标题: 路径」"),
    Rule("org-not-mapping", "{file} 应当是一组「名称: 值」，现在是{actual}",
         "每行写一条机构信息，例如 公司名称: 华炫科技（半角冒号，冒号后加空格，行首不要写「- 」）"),
    Rule("org-empty-value", "{file} 的机构信息「{name}」没有值，页面上会缺字",
         "在冒号后面写上值，例如 {name}: …；不用的名称请连同页面里的 {{{{ {name} }}}} 一起删掉"),
    Rule("org-bad-value", "{file} 的机构信息「{name}」应当是一段文字，现在是{actual}",
         "写成一行：{name}: 值（值里有冒号或 # 时用英文引号括起来）"),
]

RULES.update({rule.code: rule for rule in _SETUP_RULES})
SETUP_CODES = frozenset(rule.code for rule in _SETUP_RULES)  # fixtures: tests/fixtures/setup/
