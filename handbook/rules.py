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
    # --- provenance, roles, figures and house style (issue 13) ---------------
    Rule("approval-malformed", "「审定」行有误：{problem}",
         "手册拟写的块（!!! say draft …）审定后，在块的最后一行写「审定：姓名 年-月-日」，例如 审定：张三 2026-12-01"),
    Rule("unknown-role", "[[{name}]] 不是 snippets/roles.yml 里定义的角色{suggestion}",
         "改成已定义的角色：{known}；新角色请先加到 snippets/roles.yml，写明负责什么、交给谁"),
    Rule("role-alias", "「{alias}」是角色「{role}」在来源里的别称，全站统一叫法",
         "写成 [[{role}]]（角色只在 snippets/roles.yml 定义一次）；引用客户或来源原话时用引号括起来"),
    Rule("roles-file", "snippets/roles.yml 有误：{problem}",
         "每个角色写成「角色名:」下面缩进的 负责、交给、别称，交给的角色也要定义"),
    Rule("style", "{message}：「{found}」",
         "改成「{replacement}」{auto}；规则在 snippets/style.yml"),
    Rule("style-rule-broken", "snippets/style.yml 的规则「{name}」没有生效：{problem}",
         "修改这条规则的「查找」「改为」或它的例子，让「不对」的例子都被找出并改对、「对」的例子都不被误报"),
    Rule("policy-missing-spoken", "政策页面开头没有「先这样说」（{limit} 字以内的口头版本）",
         "在一级标题下、第一个 ## 之前加 !!! say draft \"先这样说\"，写一句坐席能直接说出口的话"),
    Rule("policy-spoken-too-long", "「先这样说」有 {length} 个字，超过 {limit} 字，坐席说不出口",
         "缩短到 {limit} 字以内，只留客户最想知道的一点；完整说法放在「## 怎样向客户解释」"),
    # --- review freshness: reported, never fails the build (so it is logged below
    # WARNING, which --strict would count as a failure) ---------------------
    Rule("review-overdue", "内容已过复核期：上次复核 {reviewed}，应在 {due} 前复核（负责人：{owner}）",
         "请负责人复核内容，然后把 reviewed 改成复核当天的日期", severity="notice"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
