"""Every gold file is well-formed: fields, types, and surfaces present in the normalized text."""
import pytest

from extract.schema import layout
from gold_docs import gold_documents, raw_text

DOCS = gold_documents()
KINDS = {"program": {"campaign", "project", "event", "brand", "platform", "column", "document", "team", "other"},
         "organization": {"government", "party", "mass_org", "company", "university", "media", "social_org", "court", "other"}}


def test_gold_set_size():
    assert len(DOCS) >= 25
    assert len({d["doc_id"] for d in DOCS}) == len(DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=[d["doc_id"] for d in DOCS])
def test_gold_document_is_well_formed(pipeline, doc):
    text = pipeline.normalizer(raw_text(doc)).text
    for m in doc["mentions"]:
        assert m["type"] in layout().fields, m
        assert m["surface"] and m["surface"] in text, f"{doc['doc_id']}: {m['surface']!r} not in the normalized text"
        assert set(m) <= {"type", "surface", "optional", "anchor", *layout().fields[m["type"]]}, m
        if m["type"] in ("program", "organization"):
            assert m.get("name"), m
        if m["type"] == "program" and m.get("kind"):
            assert m["kind"] in KINDS["program"], m
        if m["type"] == "organization" and m.get("org_type"):
            assert m["org_type"] in KINDS["organization"], m
        if m["type"] == "numeric" and m.get("bound"):
            assert m["bound"] in {"exact", "lower", "upper", "approx"}, m
