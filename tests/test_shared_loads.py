"""What a pipeline loads once and shares gives what loading it anew gives."""
from __future__ import annotations

import jieba

from extract.batch import ChunkWriter
from extract.rules import load_rules, pipeline_rules
from extract.segment import dictionary_lines, word_tags
from extract.tables import build_tables, write_tables, write_texts


def test_components_share_the_pipelines_rules(pipeline):
    assert pipeline_rules(pipeline.nlp) is pipeline.rules
    assert pipeline_rules(pipeline.nlp).families == load_rules().families


def test_other_folders_are_loaded_not_shared(pipeline, tmp_path):
    (tmp_path / "extra.yaml").write_text("family: programs\nextra_key: 1\n", encoding="utf-8")
    rules = pipeline_rules(pipeline.nlp.__class__(), [tmp_path])
    assert rules.dirs[-1] == str(tmp_path) and rules.family("programs")["extra_key"] == 1


def test_rjieba_tags_read_with_the_words_equal_the_dictionary_files():
    from_file = {parts[0]: parts[2] for parts in dictionary_lines(jieba.Tokenizer()) if len(parts) == 3}

    class Plain:  # a tokenizer without a backend that read the tags
        jieba = jieba.Tokenizer()

    assert word_tags(Plain()) == from_file
    assert len(from_file) > 300_000


def test_rendered_chunk_files_are_the_written_ones(corpus_results, tmp_path):
    results = corpus_results
    for fmt in ("csv", "parquet"):
        files, rows = ChunkWriter(fmt).render(results)
        folder = tmp_path / fmt
        write_tables(build_tables(results), folder, fmt)
        write_texts(results, folder)
        assert files == {p.name: p.read_bytes() for p in folder.iterdir()}
        assert rows["mentions"] == sum(len(r.mentions) for r in results)
