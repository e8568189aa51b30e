"""bench/eval/calibrate.py: judged tune facts in, the confidence table and thresholds out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.eval.calibrate import main, read_judgements, write_judgements
from zenobia.confidence import Judgement, read_confidence_table

PRIORS = """\
# a tiny table of priors
kind,basis,prior,right,total,confidence,source
event,event,0.7,0,0,0.7,prior
quote,quote,0.9,0,0,0.9,prior
"""
THRESHOLDS = """\
kind,min_confidence,precision,facts,source
event,0.5,,0,prior
quote,0.5,,0,prior
"""


def _judged(basis: str, right: int, wrong: int, corpus: str = "gsr") -> list[Judgement]:
    kind = basis.split(":")[0]
    return [Judgement(kind, basis, True, corpus)] * right + [
        Judgement(kind, basis, False, corpus)
    ] * wrong


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "confidence.csv").write_text(PRIORS, encoding="utf-8")
    (folder / "confidence_thresholds.csv").write_text(THRESHOLDS, encoding="utf-8")
    return folder


def test_judged_triples_become_the_table_and_its_thresholds(tmp_path: Path, data_dir: Path) -> None:
    # verbs with a source and a target are right 38 times in 40, nouns 9 in 20
    judged = _judged("event:verb:source+target", 38, 2) + _judged("event:noun:none", 9, 11)
    path = write_judgements(tmp_path / "events.jsonl", judged)
    assert main([str(path), "--data-dir", str(data_dir)]) == 0
    table = read_confidence_table(data_dir)
    verb = table.rows["event:verb:source+target"]
    assert (verb.right, verb.total, verb.source) == (38, 40, "tune:gsr")
    assert table.confidence("event:verb:source+target") > 0.85 > table.confidence("event:noun")
    # the threshold keeps the verbs (precision 0.95) and hides the nouns; it never exceeds the
    # 0.85 target, since a calibrated fact stated at 0.85 is right that often
    threshold = table.thresholds["event"]
    assert threshold.min_confidence == min(table.confidence("event:verb:source+target"), 0.85)
    assert threshold.min_confidence > table.confidence("event:noun")
    assert (threshold.precision, threshold.facts) == (0.95, 40)
    # a kind nobody judged keeps its prior and its threshold
    assert table.rows["quote"].source == "prior"
    assert table.thresholds["quote"].source == "prior"


def test_a_dry_run_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    path = write_judgements(tmp_path / "j.jsonl", _judged("quote:direct", 5, 0))
    assert main([str(path), "--data-dir", str(data_dir), "--dry-run"]) == 0
    assert (data_dir / "confidence.csv").read_text(encoding="utf-8") == PRIORS


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a fact of the check part: calibration never reads it
        ({"kind": "event", "basis": "event:verb", "right": True, "part": "check"}, "tune part"),
        # a kind that is not the basis's first segment
        ({"kind": "quote", "basis": "event:verb", "right": True}, "is not of kind"),
        # right must be a boolean, not a score
        ({"kind": "event", "basis": "event:verb", "right": 1}, "true or false"),
        # no basis at all
        ({"kind": "event", "right": True}, "not a judged fact"),
    ],
)
def test_a_malformed_line_is_refused_with_its_place(
    tmp_path: Path, line: dict[str, object], expected: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad.jsonl:1: .*{expected}"):
        read_judgements([path])
