"""Every rule entry's examples and counter-examples, run by one parametrized test (rules are data).

The judge is ``extract.rules_check.check_example``, the same one ``xinwen rules check`` uses."""
from __future__ import annotations

import pytest

from extract.rules import bundled_rules_dir, load_rules
from extract.rules_check import check_example, example_text, iter_examples


def _cases():
    for family, key, entry, example, positive in iter_examples(load_rules().families):
        label = f"{entry['id']}:{example_text(example)}" if positive else f"{entry['id']}:not:{example_text(example)}"
        yield pytest.param(family, entry["id"], example, positive, id=label)


@pytest.mark.parametrize("family,rule_id,example,positive", list(_cases()))
def test_rule_example(pipeline, family, rule_id, example, positive):
    problem = check_example(pipeline, family, rule_id, example, positive)
    assert problem is None, f"{rule_id}: {problem}"


def test_bundled_rules_dir_exists():
    assert (bundled_rules_dir() / "numerics.yaml").is_file()
