"""The handbook's Python-Markdown extensions, rendered without MkDocs."""
from __future__ import annotations

import markdown

from handbook.markdown.diagrams import mermaid_format
from handbook.markdown.org_values import substitute


def render(text: str, **org_config) -> str:
    return markdown.markdown(text, extensions=[
        "admonition", "pymdownx.superfences", "pymdownx.details",
        "handbook.markdown.wording",
        "handbook.markdown.org_values",
    ], extension_configs={"handbook.markdown.org_values": {"file": "/nonexistent", "values": {"公司名称": "示例燃气"}}})


def test_org_values_are_substituted_outside_code():
    assert substitute("您好，{{ 公司名称 }}！`{{ 公司名称 }}`", {"公司名称": "示例燃气"}) == "您好，示例燃气！`{{ 公司名称 }}`"


def test_org_values_leave_fenced_code_and_unknown_names():
    html = render("欢迎致电{{ 公司名称 }}，{{ 未知 }}\n\n```\n{{ 公司名称 }}\n```\n")
    assert "欢迎致电示例燃气" in html
    assert "{{ 未知 }}" in html
    assert "<code>{{ 公司名称 }}" in html


def test_say_and_dont_become_one_pair_with_chinese_titles():
    html = render('## 情境\n\n!!! say\n    - 您好\n\n!!! dont\n    - 干嘛\n\n!!! why\n    因为。\n')
    assert html.count('class="wording-pair"') == 1
    pair = html.split('class="wording-pair"')[1]
    assert pair.index("admonition say") < pair.index("admonition dont")
    assert "这样说" in html and "不要这样说" in html and "为什么" in html
    assert html.index("admonition why") > html.index("admonition dont")


def test_explicit_titles_are_kept_and_lone_blocks_are_not_wrapped():
    html = render('!!! say "推荐说法"\n    - 您好\n\n段落\n\n!!! dont\n    - 干嘛\n')
    assert "推荐说法" in html
    assert "wording-pair" not in html


def test_pairs_inside_tabs_or_details_are_grouped_too():
    html = render('??? note "展开"\n    !!! say\n        - 您好\n\n    !!! dont\n        - 干嘛\n')
    assert 'class="wording-pair"' in html


def test_mermaid_fences_render_for_material_but_stay_out_of_search():
    html = markdown.markdown("```mermaid\nflowchart LR\n  A --> B\n```\n", extensions=["pymdownx.superfences"],
                             extension_configs={"pymdownx.superfences": {"custom_fences": [{
                                 "name": "mermaid", "class": "mermaid",
                                 "format": mermaid_format}]}})
    assert html.startswith('<pre data-search-exclude class="mermaid"><code>')
