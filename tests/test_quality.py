"""Accuracy floors on tests/gold/: the current code meets them. Raise a floor whenever a change lifts
the score; never lower one silently. docs/accuracy.md keeps the latest figures."""
import pytest

from extract.cli import main
from extract.evaluate import evaluate, load_predictions
from gold_docs import gold_documents, write_input

F1_FLOORS = {"program": 0.89, "organization": 0.87, "date": 0.92, "numeric": 0.92}
FIELD_FLOORS = {("program", "kind"): 0.87, ("organization", "canonical"): 0.90, ("date", "value"): 0.95,
                ("numeric", "value"): 0.97, ("numeric", "bound"): 0.97, ("numeric", "unit"): 0.97}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gold")
    docs = gold_documents()
    source = write_input(docs, folder / "gold_input.jsonl")
    assert main(["run", str(source), "--out", str(folder / "pred")]) == 0
    return evaluate(docs, load_predictions(folder / "pred"))


@pytest.mark.parametrize("kind", sorted(F1_FLOORS))
def test_strict_f1_floor(report, kind):
    assert report["types"][kind]["strict"]["f1"] >= F1_FLOORS[kind], report["types"][kind]


@pytest.mark.parametrize("kind,field", sorted(FIELD_FLOORS))
def test_field_accuracy_floor(report, kind, field):
    assert report["types"][kind]["field_accuracy"][field] >= FIELD_FLOORS[(kind, field)], report["types"][kind]


def test_eval_cli_writes_eval_json(tmp_path):
    import json

    docs = gold_documents()[:2]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    source = write_input(docs, tmp_path / "in.jsonl")
    assert main(["run", str(source), "--out", str(tmp_path / "pred")]) == 0
    assert main(["eval", "--gold", str(gold), "--pred", str(tmp_path / "pred"), "--errors"]) == 0
    report = json.loads((tmp_path / "pred" / "eval.json").read_text(encoding="utf-8"))
    assert set(report["types"]) == {"program", "organization", "date", "numeric"}


def test_scoring_is_a_pure_function_with_optional_mentions_neutral():
    gold = [{"doc_id": "d", "mentions": [
        {"type": "numeric", "surface": "28个", "value": 28, "bound": "exact", "unit": "个"},
        {"type": "numeric", "surface": "一个", "optional": True},
        {"type": "organization", "surface": "省妇联", "name": "省妇联", "canonical": "广东省妇联"}]}]
    pred = {"numeric": [{"doc_id": "d", "surface": "28个", "value": "28", "bound": "exact", "unit": "个"},
                        {"doc_id": "d", "surface": "一个", "value": "1", "bound": "exact", "unit": "个"},
                        {"doc_id": "d", "surface": "3人", "value": "3", "bound": "exact", "unit": "人"}],
            "organization": [{"doc_id": "d", "surface": "省妇联", "name": "省妇联", "canonical": "省妇联"}],
            "program": [], "date": []}
    report = evaluate(gold, pred)["types"]
    assert (report["numeric"]["tp"], report["numeric"]["fp"], report["numeric"]["fn"]) == (1, 1, 0)
    assert report["numeric"]["field_accuracy"]["value"] == 1.0
    assert report["organization"]["field_accuracy"]["canonical"] == 0.0
