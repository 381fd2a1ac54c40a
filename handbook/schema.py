"""The front matter schema, as data.

One table per page kind says which keys exist, which are required and what
values they take.  `check_front_matter` reads it to report problems in Chinese
with the line of the key; `json_schema` turns the same table into a JSON Schema
that editors (VS Code's YAML extension, Front Matter CMS) use for completion.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from .source import Page

KIND_NAMES = {"scenario": "场景话术", "risk": "投诉风险", "policy": "政策解释", "article": "文章"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CHANNELS = ["电话", "柜面", "在线", "回访"]


@dataclass(frozen=True)
class Field:
    type: str                      # text | id | kind | date | month-or-date | int | texts | choice | choices | refs | any
    required: bool = False
    choices: tuple = ()
    ref_kind: str = ""             # for refs: the kind the ids must name
    hint: str = ""                 # shown when the key is missing


COMMON = {
    "id": Field("id", True, hint="全站唯一编号，如 scn-greeting"),
    "kind": Field("choice", True, tuple(KIND_NAMES), hint="scenario、risk、policy 或 article"),
    "title": Field("text", True, hint="页面标题"),
    "owner": Field("text", True, hint="负责复核本页的人或小组"),
    "reviewed": Field("date", True, hint="最近一次复核的日期，如 2026-11-01"),
    "review_every": Field("int", hint="本页的复核周期（天）"),
    "tags": Field("texts"),
    "synonyms": Field("synonyms"),
    "risks": Field("refs", ref_kind="risk"),
    "policies": Field("refs", ref_kind="policy"),
    "scenarios": Field("refs", ref_kind="scenario"),
    "business": Field("choices", choices=("通用", "燃气", "保险", "软件"),
                      hint="本页适用的业务：通用、燃气、保险、软件（handbook/business.py）"),
    # Keys that MkDocs and Material themselves read.
    "description": Field("text"),
    "hide": Field("any"),
    "search": Field("any"),
    "status": Field("any"),
    "icon": Field("any"),
    "template": Field("any"),
}

BY_KIND = {
    "scenario": {
        "channels": Field("choices", True, tuple(CHANNELS), hint="如 [柜面] 或 [电话, 柜面]"),
        "category": Field("choice", True, ("接待", "办理", "等候", "咨询", "投诉", "道别", "电话", "回访", "客户类型"),
                          hint="场景分类"),
    },
    "risk": {
        "category": Field("choice", True, ("客户类型", "风险信号", "投诉成因", "处理后果", "投诉等级"), hint="风险分类"),
        "level": Field("choice", True, ("高", "中", "低"), hint="高、中或低"),
        "signs": Field("texts", True, hint="预警信号列表，如 [扬言找媒体, 一起来了三人以上]"),
        "first_response": Field("text", True, hint="第一时间做什么"),
        "escalate_to": Field("text", True, hint="交给谁、通知谁"),
        "channels": Field("choices", False, tuple(CHANNELS)),
    },
    "policy": {
        "category": Field("choice", True, ("收费", "限购", "时限", "服务标准", "安全"), hint="政策分类"),
        "rule": Field("text", True, hint="一句话写清规定"),
        "applies_to": Field("texts", True, hint="适用对象列表，如 [居民用户]"),
        "effective": Field("month-or-date", hint="生效日期"),
        "channels": Field("choices", False, tuple(CHANNELS)),
    },
    "article": {},
}

EXPECTED = {
    "text": ("一段文字", "例如 title: 招呼与引导"),
    "id": ("编号", "例如 id: scn-greeting"),
    "date": ("日期", "例如 reviewed: 2026-11-01"),
    "month-or-date": ("日期或年月", "例如 effective: 2021-03"),
    "int": ("整数", "例如 review_every: 90"),
    "texts": ("列表", "例如 tags: [投诉, 情绪]"),
    "choices": ("列表", "例如 channels: [电话, 柜面]"),
    "refs": ("编号列表", "例如 risks: [risk-group-visit]"),
    "synonyms": ("「词: [同义词, …]」的映射", "例如 synonyms: {投诉: [举报, 告状]}"),
}


def fields_for(kind: str | None) -> dict[str, Field]:
    return {**COMMON, **BY_KIND.get(kind or "", {})}


def all_keys() -> list[str]:
    keys = dict(COMMON)
    for extra in BY_KIND.values():
        keys.update(extra)
    return list(keys)


def closest(value: str, candidates) -> str:
    match = difflib.get_close_matches(str(value), [str(c) for c in candidates], n=1, cutoff=0.5)
    return f"，是不是想写「{match[0]}」？" if match else ""


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_front_matter(page: Page) -> None:
    """Report every key or value in `page.meta` that the schema does not allow."""
    if not page.has_front_matter or (not page.meta and page.problems):
        return
    kind = page.meta.get("kind")
    fields = fields_for(kind if kind in BY_KIND else None)
    for key in page.meta:
        if key not in fields:
            if kind not in BY_KIND and key in all_keys():
                continue  # right for some kind: the misspelled kind is the one problem
            known = fields if kind in BY_KIND else all_keys()
            page.problem(page.line_of(key), "unknown-key", key=key, suggestion=closest(key, known))
    for key, field in fields.items():
        if key not in page.meta:
            if field.required and (key in COMMON or kind in BY_KIND):
                page.problem(1, "missing-key", key=key, kind_name=KIND_NAMES.get(kind, ""), hint=field.hint)
            continue
        _check_value(page, key, field, page.meta[key])


def _check_value(page: Page, key: str, field: Field, value) -> None:
    line = page.line_of(key)

    def bad_type():
        expected, example = EXPECTED[field.type]
        page.problem(line, "bad-type", key=key, expected=expected, value=_show(value), example=example)

    kind = field.type
    if kind == "any":
        return
    if kind == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            bad_type()
    elif kind == "id":
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            page.problem(line, "bad-id", value=_show(value))
    elif kind == "date":
        if as_date(value) is None:
            page.problem(line, "bad-date", key=key, value=_show(value))
    elif kind == "month-or-date":
        if as_date(value) is None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(value)):
            page.problem(line, "bad-date", key=key, value=_show(value))
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            bad_type()
    elif kind == "choice":
        if value not in field.choices:
            page.problem(line, "bad-value", key=key, value=_show(value),
                         suggestion=closest(value, field.choices), allowed="、".join(field.choices))
    elif kind in ("texts", "choices", "refs"):
        # A Chinese input method types ［柜面，电话］ or [柜面，电话]: YAML reads one
        # string.  Free-text items (signs) may contain ，and 、; ids and choices never do.
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            # Tags are words: ，or 、 inside one is always a typed separator.  Other
            # free text (signs) may contain them, unless the whole list is one
            # item: then [甲，乙] was meant as two.
            words = kind in ("choices", "refs") or key == "tags" or len(items) == 1
            separators = "［］，、" if words else "［］"
            if isinstance(item, str) and any(mark in item for mark in separators):
                page.problem(page.line_of(key, index if isinstance(value, list) else None),
                             "fullwidth-list-punctuation", key=key, value=item)
                return
        if isinstance(value, str) and kind != "refs":
            value = [value]  # a single value is a list of one; YAML users write it both ways
        if not isinstance(value, list) or (field.required and not value):
            bad_type()
            return
        for index, item in enumerate(value):
            item_line = page.line_of(key, index)
            if kind == "choices" and item not in field.choices:
                page.problem(item_line, "bad-value", key=key, value=_show(item),
                             suggestion=closest(item, field.choices), allowed="、".join(field.choices))
            elif kind == "refs" and (not isinstance(item, str) or not ID_PATTERN.match(item)):
                page.problem(item_line, "bad-id", value=_show(item))
            elif kind == "texts" and (not isinstance(item, (str, int)) or not str(item).strip()):
                bad_type()
    elif kind == "synonyms" and (not isinstance(value, dict) or not all(
            isinstance(words, list) and all(isinstance(w, str) for w in words) for words in value.values())):
        bad_type()


def _show(value) -> str:
    return "（空）" if value is None or value == "" else str(value)


def json_schema() -> dict:
    """The same schema as JSON Schema (draft 2020-12), for editor completion."""
    def prop(field: Field) -> dict:
        kind = field.type
        if kind in ("choice",):
            return {"enum": list(field.choices)}
        if kind == "choices":
            return {"type": "array", "items": {"enum": list(field.choices)}}
        if kind in ("texts", "refs"):
            item = {"type": "string"}
            if kind == "refs":
                item["pattern"] = ID_PATTERN.pattern
            return {"type": "array", "items": item}
        if kind == "id":
            return {"type": "string", "pattern": ID_PATTERN.pattern}
        if kind in ("date", "month-or-date"):
            return {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
        if kind == "int":
            return {"type": "integer", "minimum": 1}
        if kind == "synonyms":
            return {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
        if kind == "text":
            return {"type": "string", "minLength": 1}
        return {}

    variants = []
    for kind in BY_KIND:
        fields = fields_for(kind)
        properties = {}
        for key, field in fields.items():
            properties[key] = prop(field) | ({"description": field.hint} if field.hint else {})
        properties["kind"] = {"const": kind}
        variants.append({
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {
                "properties": properties,
                "required": [k for k, f in fields.items() if f.required],
                "additionalProperties": False,
            },
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "客服知识库页头（front matter）",
        "type": "object",
        "required": [k for k, f in COMMON.items() if f.required],
        "properties": {"kind": {"enum": list(BY_KIND)}},
        "allOf": variants,
    }
