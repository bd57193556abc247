"""Every rule entry's examples and counter-examples, run by one parametrized test (rules are data)."""
from __future__ import annotations

import pytest

from extract.readers import Document
from extract.rules import bundled_rules_dir, load_rules


def _cases():
    rules = load_rules()
    for family, data in sorted(rules.families.items()):
        for key, value in data.items():
            if not isinstance(value, list):
                continue
            for entry in value:
                if not isinstance(entry, dict) or "id" not in entry:
                    continue
                for example in entry.get("examples", []):
                    yield pytest.param(family, key, entry["id"], example, True, id=f"{entry['id']}:{_label(example)}")
                for counter in entry.get("counter_examples", []):
                    yield pytest.param(family, key, entry["id"], counter, False, id=f"{entry['id']}:not:{_label(counter)}")


def _label(example) -> str:
    return example["text"] if isinstance(example, dict) else str(example)


MENTION_TYPE = {"numerics": "numeric", "dates": "date", "programs": "program", "organizations": "organization"}


def _mentions(pipeline, text, reference=""):
    result = pipeline.process(Document("example", "", text=text, published=reference))
    assert result.status == "ok", result.error
    return result.mentions


@pytest.mark.parametrize("family,key,rule_id,example,positive", list(_cases()))
def test_rule_example(pipeline, family, key, rule_id, example, positive):
    spec = example if isinstance(example, dict) else {"text": example}
    text = spec["text"]
    if family in MENTION_TYPE:
        kind = MENTION_TYPE[family]
        found = [m for m in _mentions(pipeline, text, spec.get("reference", "")) if m.type == kind]
        if not positive:
            assert not found, f"{rule_id}: counter-example {text!r} extracted {[m.surface for m in found]}"
            return
        expected_surface = spec.get("surface", pipeline.normalizer(text).text)
        if family == "programs":
            matches = [m for m in found if m.fields["name"] == spec["name"]]
        else:
            matches = [m for m in found if m.surface == expected_surface]
        assert len(matches) == 1, f"{rule_id}: {text!r} gave {[(m.surface, m.rule) for m in found]}"
        for field, value in spec.items():
            if field in ("text", "surface", "reference"):
                continue
            assert matches[0].fields.get(field) == value, f"{rule_id}: {text!r} {field}={matches[0].fields.get(field)!r}, expected {value!r}"
    elif family == "normalize":
        normalized = pipeline.normalizer(text)
        assert normalized.text == (spec.get("normalized", text) if positive else text)
    elif family == "boilerplate":
        zones = pipeline.normalizer(text).boilerplate
        assert bool(zones) == positive, f"{rule_id}: {text!r} zones={zones}"
    elif family == "metadata":
        meta = pipeline.normalizer(text).metadata
        assert (meta.published or meta.source or meta.bylines) if positive else not meta.published
    else:
        pytest.fail(f"no example runner for family {family!r}")


def test_bundled_rules_dir_exists():
    assert (bundled_rules_dir() / "numerics.yaml").is_file()
