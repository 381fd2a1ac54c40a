"""The pairs as a textlint-prh dictionary and a Vale style, checked against each format."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from conftest import ROOT

from handbook import generated
from handbook.checks import check_docs
from handbook.settings import load_settings
from handbook.wording import exports
from handbook.wording.pairs import handbook_pairs


@pytest.fixture(scope="module")
def handbook():
    settings = load_settings(ROOT / "mkdocs.yml")
    return check_docs(settings), settings


def test_prh_dictionary_follows_prh_rule_schema(handbook):
    data = yaml.safe_load(exports.prh_dictionary(*handbook))
    assert data["version"] == 1
    allowed = {"expected", "pattern", "patterns", "regexpMustEmpty", "options", "specs", "prh"}
    for rule in data["rules"]:
        assert set(rule) <= allowed and isinstance(rule["expected"], str) and rule["expected"]
        assert all(isinstance(p, str) and p for p in rule["patterns"])
        assert all(set(spec) == {"from", "to"} for spec in rule["specs"])
        assert "{{" not in rule["expected"]        # organisation values are filled in


def test_textlint_prh_flags_every_forbidden_line_and_no_approved_one(handbook, tmp_path):
    result = subprocess.run([str(ROOT / "tools/ensure-textlint")], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(result.stderr)
    textlint = result.stdout.strip()
    report, settings = handbook
    (tmp_path / "prh.yml").write_text(exports.prh_dictionary(report, settings), encoding="utf-8")
    (tmp_path / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": ["prh.yml"]}}}))
    rules = yaml.safe_load(exports.prh_dictionary(report, settings))["rules"]
    forbidden = [rule["specs"][0]["from"] for rule in rules]
    approved = "对不起，我正在为您办理业务，请稍等。"
    (tmp_path / "example.md").write_text("\n\n".join([*forbidden, approved]) + "\n", encoding="utf-8")
    run = subprocess.run([textlint, "--format", "json", "example.md"], cwd=tmp_path,
                         capture_output=True, text=True, check=False)
    # prh runs each rule's specs when it loads the dictionary: a failed spec is an error here.
    assert run.stdout.startswith("["), (run.stdout + run.stderr)[-2000:]
    messages = json.loads(run.stdout)[0]["messages"]
    flagged = {m["line"] for m in messages}
    lines = {2 * i + 1 for i in range(len(forbidden))}
    assert lines <= flagged, [forbidden[(n - 1) // 2] for n in sorted(lines - flagged)]
    assert 2 * len(forbidden) + 1 not in flagged
    assert any("不要这样说（scenarios/" in m["message"] for m in messages)   # the `prh` note reaches the user


VALE_SUBSTITUTION_KEYS = {"extends", "message", "level", "scope", "link", "limit", "ignorecase", "nonword",
                          "swap", "exceptions", "vocab", "capitalize", "append", "action"}


def test_vale_rule_follows_vales_substitution_schema(handbook):
    report, settings = handbook
    rule = yaml.safe_load(exports.vale_rule(report, settings))
    assert set(rule) <= VALE_SUBSTITUTION_KEYS
    assert rule["extends"] == "substitution" and rule["level"] in ("suggestion", "warning", "error")
    assert rule["message"].count("%s") == 2
    assert rule["nonword"] is True and isinstance(rule["ignorecase"], bool)
    assert rule["action"] == {"name": "replace"}      # required when a swap offers several suggestions (|)
    forbidden = {pair.forbidden.text for pair in handbook_pairs(report, settings.org_values)}
    for key, value in rule["swap"].items():
        pattern = re.compile(key)                      # RE2 accepts these: escapes and one character class
        assert any(pattern.search(text) for text in forbidden), key
        assert value and all(part.strip() for part in value.split("|"))
    assert len(rule["swap"]) >= 100


def test_vale_config_uses_the_style(handbook):
    config = exports.vale_config(*handbook)
    assert "BasedOnStyles = Handbook" in config and "StylesPath = ." in config
    assert {entry.path for entry in generated.entries("asset")} >= {"wording/vale/Handbook/Forbidden.yml", "wording/vale/vale.ini", "wording/prh.yml"}
