"""What a pipeline loads once and shares gives what loading it anew gives."""
from __future__ import annotations

import jieba
import spacy

from extract.batch import ChunkWriter
from extract.readers import Document
from extract.rules import load_rules, pipeline_rules
from extract.segment import JiebaTokenizer, dictionary_lines, word_tags
from extract.tables import build_tables, write_tables, write_texts


def test_components_share_the_pipelines_rules(pipeline):
    assert pipeline_rules(pipeline.nlp) is pipeline.rules
    assert pipeline_rules(pipeline.nlp).families == load_rules().families


def test_other_folders_are_loaded_not_shared(pipeline, tmp_path):
    (tmp_path / "extra.yaml").write_text("family: programs\nmax_name_length: 7\n", encoding="utf-8")
    rules = pipeline_rules(pipeline.nlp.__class__(), [tmp_path])
    assert rules.dirs[-1] == str(tmp_path) and rules.family("programs")["max_name_length"] == 7


def test_the_tags_are_the_dictionary_files_whichever_backend_read_them():
    """rjieba reads them with the words; the jieba backend reads the file once more."""
    from_file = {parts[0]: parts[2] for parts in dictionary_lines(jieba.Tokenizer()) if len(parts) == 3}
    rules, vocab = load_rules(), spacy.blank("zh").vocab
    for segmenter in ("rjieba", "jieba"):
        tokenizer = JiebaTokenizer(vocab, rules, segmenter)
        assert tokenizer.dictionary_tags == from_file
        assert word_tags(tokenizer, {"网信办": "nt"}) == {**from_file, "网信办": "nt"}
    assert len(from_file) > 300_000


def test_nothing_is_kept_on_spacys_objects(pipeline):
    """The shared rules and tags are the tokenizer's own, documented attributes: none is set on the
    spaCy pipeline, and a doc's data is under the keys of extract/components.py."""
    from extract import components
    from extract.matchers import numerics

    assert not [name for name in vars(pipeline.nlp) if "xinwen" in name]
    assert pipeline.nlp.tokenizer.rules is pipeline.rules
    _, doc = pipeline.annotate(Document("d", "", text="今年超过10万人参与。"))
    keys = {value for name, value in vars(components).items() if name.endswith("_KEY")}
    assert set(doc.user_data) <= keys and len(keys) == 7
    assert numerics.NUMERALS_KEY is components.NUMERALS_KEY  # one definition, imported


def test_rendered_chunk_files_are_the_written_ones(corpus_results, tmp_path):
    results = corpus_results
    for fmt in ("csv", "parquet"):
        files, rows = ChunkWriter(fmt).render(results)
        folder = tmp_path / fmt
        write_tables(build_tables(results), folder, fmt)
        write_texts(results, folder)
        assert files == {p.name: p.read_bytes() for p in folder.iterdir()}
        assert rows["mentions"] == sum(len(r.mentions) for r in results)
