"""`handbook wording`: inputs, output formats, exit codes, 待审 labels, folding."""
from __future__ import annotations

import io
import json

import pytest
import wording_eval
from conftest import ROOT, fixture_settings
from wording_eval import forbidden_source

from handbook.checks import check_docs, check_sources
from handbook.cli import main
from handbook.settings import load_settings
from handbook.wording.checker import Checker
from handbook.wording.fold import SPECS, folder, load_rules
from handbook.wording.inputs import Speakers, read_input

CONFIG = str(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def report():
    return check_docs(load_settings(ROOT / "mkdocs.yml"))


def run(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["wording", "--config", CONFIG, *args])
    return code, capsys.readouterr()


def test_fold_handles_colloquial_particles_width_and_traditional():
    fold = folder().fold
    assert fold("你激動啥啊？！")[0] == fold("您激动什么？")[0]
    assert fold("坐那儿等会儿吧")[0] == fold("坐那等一会")[0]
    text, origin = fold("ＡＢ，這事儿")
    assert text == "ab 这事" and origin == [0, 1, 2, 3, 4]


def test_every_colloquial_rule_folds_its_examples_alike():
    """The specs of handbook/wording/colloquial.yml, as textlint-prh checks a dictionary's specs."""
    fold = folder().fold
    wrong = [(s.rule, s.said, s.written, fold(s.said)[0], fold(s.written)[0]) for s in SPECS
             if fold(s.said)[0] != fold(s.written)[0]]
    assert not wrong, f"rules whose examples fold apart: {wrong}"
    table, _, _ = load_rules()
    rules_with_specs = {s.rule for s in SPECS}
    assert set(table.values()) <= rules_with_specs, "every rule comes with an example"


def test_a_form_under_two_rules_is_refused(tmp_path):
    rules = tmp_path / "colloquial.yml"
    rules.write_text("rules:\n  - {expected: 什么, patterns: [啥]}\n  - {expected: 怎么, patterns: [啥]}\n"
                     "particles: {chars: 啊}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="啥"):
        load_rules(rules)


def test_json_output_has_the_agreed_shape(tmp_path, capsys, report):
    source = tmp_path / "chat.txt"
    source.write_text("您好，请问有什么可以帮您？\n嗯嗯，这事儿不归我管啊\n", encoding="utf-8")
    code, out = run(capsys, "--format", "json", str(source))
    assert code == 1
    data = json.loads(out.out)
    assert data["checked_lines"] == 2
    [finding] = data["findings"]
    assert {"path", "line", "column", "text", "forbidden", "source", "say"} <= set(finding)
    assert finding["path"] == str(source) and finding["line"] == 2
    assert finding["text"] == "这事儿不归我管" and finding["column"] == 4
    assert finding["forbidden"] == "这事不归我管。"
    assert finding["source"] == forbidden_source(report, "scenarios/calming-complaints.md", "这事不归我管。")
    assert "我会尽最大的努力来帮您解决这个问题。" in finding["say"]


def test_clean_text_exits_0_and_says_so(tmp_path, capsys):
    source = tmp_path / "ok.txt"
    source.write_text("请您稍等，我马上为您办理。\n", encoding="utf-8")
    code, out = run(capsys, str(source))
    assert code == 0 and "没有发现" in out.out


def test_text_output_names_file_line_column_forbidden_and_approved(tmp_path, capsys, report):
    source = tmp_path / "chat.txt"
    source.write_text("好的。你激动啥？有话好好说\n", encoding="utf-8")
    code, out = run(capsys, str(source))
    assert code == 1
    assert f"{source}:1:4: 「你激动啥？有话好好说」" in out.out
    assert forbidden_source(report, "scenarios/calming-complaints.md", "你激动什么？有话好好说！") in out.out
    assert "可以这样说：我理解您现在的心情。" in out.out


def test_stdin_with_bom_and_crlf(capsys, monkeypatch):
    code, out = run(capsys, "--format", "json", "-", stdin="\ufeff客户：你好\r\n坐席：无可奉告\r\n".encode(),
                    monkeypatch=monkeypatch)
    data = json.loads(out.out)
    assert code == 1 and data["checked_lines"] == 1
    assert data["findings"][0]["path"] == "-" and data["findings"][0]["column"] == 4


def test_gbk_file_is_unreadable_exit_2_and_other_files_still_checked(tmp_path, capsys):
    gbk, good = tmp_path / "gbk.txt", tmp_path / "good.txt"
    gbk.write_bytes("无可奉告\n".encode("gbk"))
    good.write_text("无可奉告\n", encoding="utf-8")
    code, out = run(capsys, str(gbk), str(good))
    assert code == 2
    assert f"{gbk}:1: 无法检查：不是 UTF-8 编码（看起来是 GBK/GB18030）" in out.out
    assert f"{good}:1:1:" in out.out


def test_missing_file_exit_2(tmp_path, capsys):
    code, out = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "无法读取文件" in out.out


def test_speaker_labels_only_agent_turns_configurable_names(tmp_path, capsys):
    source = tmp_path / "call.txt"
    source.write_text("[09:00:01] 客户：无可奉告\n小王：无可奉告\n接着说，不知道\n老李：无可奉告\n", encoding="utf-8")
    code, out = run(capsys, "--format", "json", "--agent", "小王", "--customer", "客户,老李", str(source))
    data = json.loads(out.out)
    assert code == 1 and [(f["line"], f["column"]) for f in data["findings"]] == [(2, 4), (3, 5)]
    assert data["checked_lines"] == 2


def test_csv_with_speaker_column_and_named_text_column(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text('id,role,reply\n1,客户,"无可奉告"\n2,坐席,"你吼啥？嗓门大就有理啊"\n3,坐席,"请稍等"\n',
                      encoding="utf-8")
    code, out = run(capsys, "--format", "json", "--column", "reply", str(source))
    data = json.loads(out.out)
    assert code == 1 and data["checked_lines"] == 2
    assert [(f["line"], f["forbidden"]) for f in data["findings"]] == [(3, "你吼什么？嗓门大就有理了？")]


def test_csv_without_the_column_names_the_columns(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    code, out = run(capsys, str(source))
    assert code == 2 and "找不到文本列（有：a、b）" in out.out


def test_jsonl_bad_record_reported_others_checked(tmp_path, capsys):
    source = tmp_path / "chat.jsonl"
    source.write_text('{"speaker": "agent", "text": "不可能的，规定就这样"}\n{broken\n'
                      '{"speaker": "customer", "text": "无可奉告"}\n', encoding="utf-8")
    code, out = run(capsys, "--format", "json", str(source))
    data = json.loads(out.out)
    assert code == 2
    assert data["unreadable"] == [{"path": str(source), "line": 2, "message": "这一行不是有效的 JSON，已跳过"}]
    assert [f["line"] for f in data["findings"]] == [1]


def test_plain_text_lines_without_labels_are_all_agent_lines():
    reading = read_input("x.txt", "第一句\n\n第二句：有冒号\n".encode(), speakers=Speakers())
    assert [(u.line, u.column, u.text) for u in reading.utterances] == [(1, 1, "第一句"), (3, 1, "第二句：有冒号")]


def test_draft_wording_is_labelled_in_findings(capsys, tmp_path):
    page = (ROOT / "docs/scenarios/forms-and-papers.md").read_bytes()
    report = check_sources([("scenarios/forms-and-papers.md", page)], fixture_settings())
    outline = report.outlines["scenarios/forms-and-papers.md"]
    for block in outline.blocks():
        for phrase in block.phrases:
            phrase.draft = True     # as issue 13's Phrase.draft marks wording not yet signed off
    checker = Checker(report, fixture_settings())
    [finding] = checker.check(read_input("x", "手续不全，今天办不了".encode()).utterances[0])
    assert finding.draft and all(finding.say_draft)
    from handbook.wording.command import text_report
    from handbook.wording.inputs import Reading
    text = text_report([finding], Reading())
    source = forbidden_source(report, "scenarios/forms-and-papers.md", "手续不全，办不了！")
    assert f"「手续不全，办不了！」「待审」（{source}，" in text and "可以这样说：对不起，由于您还缺少X" in text and "「待审」" in text


@pytest.fixture(scope="module")
def handbook_checker():
    return wording_eval.handbook_checker()


@pytest.mark.parametrize("text", ["", "，。！", "ab", "x", "啊啊啊", "XX"])
def test_degenerate_lines_do_not_crash(text, handbook_checker):
    assert handbook_checker.matcher.match(text) == []


def test_bigram_counts_kept_between_matchers_equal_counting_afresh(report):
    """The live preview's matcher reuses the last counts (only added or removed
    lines are folded again); the weights must be those of counting afresh."""
    from collections import Counter

    from handbook.wording.matcher import BREAK, Matcher, bigrams
    from handbook.wording.pairs import background_lines, handbook_pairs

    def afresh(lines):
        df = Counter()
        for line in lines:
            df.update(set(bigrams(folder().fold(line)[0].replace(BREAK, ""))))
        return df

    pairs, lines = handbook_pairs(report, {}), background_lines(report)
    edited = lines[5:] + lines[:2] + ["客户说话您要认真听，新加的一行。", lines[7]]  # removed, repeated, new
    for background in (lines, edited, edited[:40], lines):
        matcher = Matcher(pairs, background)
        assert matcher.df == afresh(background)
        assert matcher.lines == len(background)
