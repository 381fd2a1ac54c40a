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
    stage: str = "check"     # "check": found in the sources; "site": in the built pages (handbook scan-site)


_RULES = [
    # --- reading the file -------------------------------------------------
    Rule("encoding", "文件不是 UTF-8 编码{guess}，第 {line} 行起无法读取",
         "在编辑器里用「UTF-8」编码另存（记事本：另存为 → 编码选 UTF-8），或在项目目录运行 make fix 自动转换"),
    Rule("not-markdown-file", "文件「{name}」不是 .md 文件，不会成为页面",
         "把文件改名为 {right}（Windows 记事本会自动加上 .txt：在资源管理器里打开「查看 → 文件扩展名」再改名）"),
    Rule("front-matter-missing", "缺少页头（文件开头用 --- 围起来的一段）",
         "在文件第一行加上页头，写明 id、kind、title、owner、reviewed，模板见「编写指南 → 页面格式」"),
    Rule("front-matter-unclosed", "页头从第 1 行的 --- 开始，但一直没有结束的 ---",
         "在页头最后一个键的下一行单独写一行 ---"),
    Rule("front-matter-tab", "页头里有 Tab 字符，YAML 不允许用 Tab 缩进",
         "把这一行的 Tab 换成空格（两个空格一级），或运行 make fix"),
    Rule("front-matter-fullwidth-colon", "页头的键「{key}」后面用了全角冒号「：」",
         "改成半角冒号加一个空格：{key}: …"),
    Rule("front-matter-colon-space", "键「{key}」的冒号后面少了一个空格，YAML 会把整行当成一个值",
         "在冒号后面加一个空格：{key}: {value}"),
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
    Rule("review-date-future", "复核日期 {value} 还没到（今天是 {today}），复核期会被推迟",
         "写实际复核那天的日期，例如 reviewed: {today}"),
    Rule("duplicate-id", "编号「{value}」已经在 {other} 用过了（那一页更早）",
         "给这一页换一个全站唯一的编号"),
    Rule("unknown-reference", "引用的编号「{value}」不存在{suggestion}",
         "改成存在的{kind_name}编号，或删掉这一项"),
    Rule("wrong-reference-kind", "「{key}」里的「{value}」是{actual}页面，不是{expected}页面",
         "把它移到 {right_key} 里"),
    # --- links, anchors, images, snippets and nav (the build rejects these) ---
    Rule("link-not-found", "链接「{target}」指向的页面不存在{suggestion}",
         "链接写相对于本页的路径，到 .md 文件为止，例如 [群访](../risks/group-visit.md)"),
    Rule("link-without-md", "链接「{target}」没有写到 .md 文件，构建时找不到",
         "写成 {written}"),
    Rule("link-absolute", "链接「{target}」以 / 开头，网站放在子路径下时会失效",
         "写成相对于本页的路径：{relative}"),
    Rule("link-fullwidth-parentheses", "链接用了全角括号「（{target}）」，不会变成链接",
         "方括号后面用半角括号：[文字]({target})"),
    Rule("anchor-not-found", "{page} 里没有「#{anchor}」这个小标题{suggestion}",
         "锚点是小标题文字：全部小写，空格换成 -，去掉标点，例如「## 上报与移交」写成 #上报与移交"),
    Rule("image-not-found", "图片「{target}」不存在{suggestion}",
         "图片放在 docs/ 下，用相对于本页的路径引用，例如 ![流程图](../assets/images/flow.png)"),
    Rule("snippet-not-found", "--8<-- 引用的片段「{name}」不存在{suggestion}",
         "可用的片段：{known}（在 snippets/ 文件夹里）"),
    Rule("nav-not-found", "导航（mkdocs.yml 的 nav）里的「{entry}」不存在{suggestion}",
         "{fix}"),
    Rule("nav-missing-page", "这一页没有加进导航（mkdocs.yml 的 nav），构建会失败，网站上也找不到它",
         "{where}"),
    Rule("glossary-syntax", "术语表里「{term}」这一行格式不对，全站的术语解释都会失效",
         "每行写成 *[术语]: 解释，用半角方括号和半角冒号，例如 *[CRM]: 客户关系管理"),
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
    Rule("admonition-not-rendered", "这一行「{written}」不会变成提示块，会原样显示{reason}",
         "写成 {right}：!!! 后面空一格，类型后面空一格，标题用英文双引号"),
    Rule("fullwidth-heading", "「＃」是全角井号，这一行不会变成标题",
         "改成半角：{fixed}"),
    Rule("heading-indented", "标题前面有空格，这一行不会变成标题",
         "删掉 # 前面的空格，让 # 顶格写"),
    Rule("situation-heading-level", "「### {heading}」是三级标题，它的话术会并进上一个情境「{parent}」",
         "情境用二级标题：## {heading}"),
    Rule("wording-indent", "这一行只缩进了 {indent} 个空格，不在上面的「{label}」块里，会显示在块外",
         "块里的每一行前面都缩进 4 个空格"),
    Rule("wording-lines-joined", "这一行会和上一行连成一句话显示在「{label}」块里",
         "每句话单独一行，前面加「- 」（短横线加空格），例如：    - {text}"),
    Rule("code-fence-unclosed", "代码块从这一行的 {fence} 开始，但没有结束的 {fence}，页面上会显示成文字",
         "在代码块最后一行的下一行单独写 {fence}；不需要代码块就删掉这一行"),
    Rule("comment-unclosed", "注释 <!-- 没有结束，从这里到页面末尾的内容都不会显示",
         "在注释结束处写 -->，或删掉 <!--"),
    Rule("html-unclosed", "<{tag}> 没有对应的 </{tag}>，后面的内容会原样显示成 Markdown 源码",
         "在这一段结束处加一行 </{tag}>"),
    Rule("table-not-rendered", "这个表格不会显示成表格：{reason}",
         "表格前面空一行；第一行是表头，第二行是 |---|---| 分隔行（半角竖线，列数与表头相同）"),
    Rule("value-braces", "「{written}」不会换成机构信息，会原样显示",
         "写成 {{{{ {name} }}}}（两个半角花括号）"),
    Rule("mermaid-syntax", "流程图有错，页面上只会显示出错图标：{reason}",
         "改正这一行；流程图写法见「编写指南 → 页面格式」"),
    Rule("mermaid-fence", "代码块类型「{info}」要全部小写，否则不会画成图",
         "写成 ```mermaid"),
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
    # --- the built site (safety net: what reached a page as text) -------------
    Rule("site-raw-markup", "构建好的页面上原样显示了「{text}」",
         "这一行的写法没有被正确转换；对照「编写指南」检查它的格式（提示块、机构信息、表格），并告诉维护人员加一条检查",
         stage="site"),
    Rule("site-diagram-not-rendered", "构建好的页面上流程图显示成了代码，没有画成图",
         "代码块开头写成全小写的 ```mermaid，并顶格或与所在块对齐", stage="site"),
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
    Rule("org-not-mapping", "{file} 应当是一组「名称: 值」，现在是{actual}",
         "每行写一条机构信息，例如 公司名称: 华炫科技（半角冒号，冒号后加空格，行首不要写「- 」）"),
    Rule("org-empty-value", "{file} 的机构信息「{name}」没有值，页面上会缺字",
         "在冒号后面写上值，例如 {name}: …；不用的名称请连同页面里的 {{{{ {name} }}}} 一起删掉"),
    Rule("org-bad-value", "{file} 的机构信息「{name}」应当是一段文字，现在是{actual}",
         "写成一行：{name}: 值（值里有冒号或 # 时用英文引号括起来）"),
]

RULES.update({rule.code: rule for rule in _SETUP_RULES})
SETUP_CODES = frozenset(rule.code for rule in _SETUP_RULES)  # fixtures: tests/fixtures/setup/
