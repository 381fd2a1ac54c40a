"""Wording tools built from the handbook's own 这样说 / 不要这样说 pairs.

- `pairs`: every forbidden line with its page, line, situation, approved wording
  and reason, read from a `handbook.checks.Report`.
- `fold` and `matcher`: the checker that finds forbidden lines in agents' text,
  also when reworded the way agents speak.
- `inputs` and `command`: `handbook wording FILE...` over plain text,
  speaker-labelled transcripts, CSV and JSON-lines exports.
- `exports`: generated files (browser data, textlint-prh dictionary, Vale style,
  the 话术自查 and drill data) as plain functions `f(report, settings) -> str`.
"""
