"""One source for the columns: every table's header, ``Mention``'s types and fields and the
``mention_id`` letters come from ``extract/schema.json`` (``schema.layout``)."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

from extract import schema
from extract.mention import Mention
from extract.schema import Layout, layout, load_schema, table_columns
from extract.tables import build_tables

ROOT = Path(__file__).resolve().parent.parent


def test_every_table_built_has_the_schemas_columns_in_its_order(corpus_results):
    tables = build_tables(corpus_results)
    assert tuple(tables) == tuple(load_schema()["tables"])
    for name, frame in tables.items():
        assert tuple(frame.columns) == tuple(c["name"] for c in table_columns(name)), name
    assert all(len(tables[name]) for name in layout().mention_tables)  # the corpus has every type


def test_the_mention_types_are_the_schemas_mention_tables():
    assert layout().types == ("program", "organization", "date", "numeric")
    assert layout().mention_tables == ("programs", "organizations", "dates", "numerics")
    assert "".join(layout().id_letter.values()) == "PODN"


def test_a_column_added_to_the_schema_is_written_with_no_other_edit(monkeypatch):
    changed = copy.deepcopy(load_schema())
    changed["tables"]["programs"]["columns"].append({"name": "slogan", "type": "string", "meaning": "…"})
    changed["common"].append({"name": "lang", "type": "string", "meaning": "…"})
    before, after = layout(), Layout.of(changed)
    assert after.fields["program"] == before.fields["program"] + ("slogan",)
    assert after.common == before.common + ("lang",)
    assert after.columns["programs"] == before.common + ("lang",) + before.fields["program"] + ("slogan",)
    for name in after.mention_tables + ("mentions",):
        assert after.columns[name][:len(after.common)] == after.common, name
    assert after.columns["facts"] == before.columns["facts"]  # facts does not share the common columns

    mention = Mention("program", 0, 2, "清朗", "test", {"name": "清朗", "slogan": "s"})
    monkeypatch.setattr(Mention, "lang", "zh", raising=False)  # the code that fills the new common column
    monkeypatch.setattr("extract.tables.layout", lambda: after)
    programs = build_tables([_result([mention])])["programs"]
    assert tuple(programs.columns) == after.columns["programs"]
    assert (programs.loc[0, "slogan"], programs.loc[0, "lang"]) == ("s", "zh")


def test_a_mention_type_added_to_the_schema_is_a_type():
    changed = copy.deepcopy(load_schema())
    spec = copy.deepcopy(changed["tables"]["dates"])
    changed["tables"] = {**changed["tables"], "laws": {**spec, "mention_type": "law", "id_letter": "L"}}
    assert Layout.of(changed).types == layout().types + ("law",)
    assert Layout.of(changed).table["law"] == "laws"


def test_the_layout_is_read_once_and_not_at_import():
    assert schema.layout() is schema.layout()
    code = ("import extract, extract.cli, extract.batch, extract.tables, extract.report, extract.evaluate\n"
            "from extract.schema import layout\nprint(layout.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "0"


def _result(mentions):
    from extract.pipeline import Result
    from extract.readers import Document

    return Result(Document("d", "d.txt", text="清朗", encoding="utf-8"), None, mentions)
