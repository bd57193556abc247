"""CSV input: a cell may be as long as a document may be, and a broken record (an unterminated or
stray quote, a line over the limit) is one error row naming its row and line; the rows after it
are read."""
from __future__ import annotations

from extract.readers import ReadOptions, read_inputs

GOOD = "今年超过10万人参与。"


def _read(path, **options):
    return [(d.doc_id, d.text, d.error) for d in read_inputs([str(path)], ReadOptions(**options))]


def test_a_cell_longer_than_the_csv_module_default_is_read(tmp_path):
    long_text = "今年超过" + "长" * 140_000
    path = tmp_path / "long.csv"
    path.write_text(f"id,text\na,{GOOD}\nb,\"{long_text}\"\nc,{GOOD}\n", encoding="utf-8")
    assert _read(path) == [("a", GOOD, ""), ("b", long_text, ""), ("c", GOOD, "")]


def test_a_cell_over_the_document_limit_is_its_own_error_row(tmp_path):
    path = tmp_path / "over.csv"
    for length in (1_500, 5_000):  # over the field limit; over the line limit too
        path.write_text(f"id,text\na,{GOOD}\nb,\"{'长' * length}\"\nc,{GOOD}\n", encoding="utf-8")
        rows = _read(path, max_chars=1_000)
        assert [r[0] for r in rows[::2]] == ["a", "c"] and rows[0][2] == rows[2][2] == ""
        assert rows[1][1] == "" and ("too long" in rows[1][2] or "longer than a document may be" in rows[1][2])


def test_an_unterminated_quote_costs_its_row_only(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(f"id,text\na,{GOOD}\nb,\"今年超过10万人\nc,{GOOD}\nd,{GOOD}\n", encoding="utf-8")
    rows = _read(path)
    assert rows[0] == ("a", GOOD, "")
    assert rows[1][0] == "2" and rows[1][2].startswith("row 2 (line 3): broken CSV record (unexpected end of data)")
    assert rows[2:] == [("c", GOOD, ""), ("d", GOOD, "")]


def test_a_stray_quote_before_a_quoted_cell_costs_its_row_only(tmp_path):
    path = tmp_path / "stray.csv"
    path.write_text(f'id,text\na,"{GOOD}\nb,"{GOOD}",x\nc,{GOOD}\n', encoding="utf-8")
    rows = _read(path)
    assert rows[0][0] == "1" and "broken CSV record" in rows[0][2]
    assert rows[1:] == [("b", GOOD, ""), ("c", GOOD, "")]


def test_multi_line_quoted_cells_are_still_one_record(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text(f'id,text\na,"第一段\n\n第二段，{GOOD}"\nb,{GOOD}\n', encoding="utf-8")
    assert _read(path) == [("a", f"第一段\n\n第二段，{GOOD}", ""), ("b", GOOD, "")]
