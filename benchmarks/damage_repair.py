"""Repair rate on synthetic damage, through ``xinwen normalize``.

Clean sentences from the CCTV corpus (a fixed random draw) are damaged the way the Tianjin seed
article was: converted to Traditional, pinyin glosses put after some characters, encoded as GBK,
one byte dropped inside the sentence, decoded with replacement, full-width punctuation made half
width. ``xinwen normalize`` then cleans them, once with byte-shift repair and once without, and each
output is compared with the Simplified original:

(a) character accuracy: characters of the original matched in the output (difflib matching
    blocks) over the original's length, averaged over sentences;
(b) restored: the output equals the original, or the original less one character (a U+FFFD
    placeholder for the lost character is dropped before comparing);
(c) unflagged mojibake: output characters matched to nothing in the original and outside every
    damaged span, over the number of damaged characters (input characters the damage introduced,
    counted on the unrepaired output).

It also counts the repaired texts that a second ``xinwen normalize`` would still change (the
normalization should be a fixed point).

Then ``xinwen run`` extracts from the damaged sentences (repair on) and from their clean Simplified
originals, and the rows are compared by type and surface (width folded) within each sentence:

(d) excluded: characters of the repaired output inside damaged spans (nothing is extracted from
    them) over the damaged characters of (c);
(e) precision of rows from repaired text: rows with ``repaired = true`` whose type and surface
    are among the rows of the clean original, over all rows with ``repaired = true``;
(f) recovered: rows of the clean originals found in the output of the damaged ones, over all of them.
(c) counts a wrong character as flagged when it lies in a damaged span or in a reading in doubt
(``uncertain`` in ``normalized.jsonl``, posterior short of about 0.9985: its rows carry that
confidence, which ``--min-confidence 0.999`` drops).
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc
import regex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SENTENCE = regex.compile(r"[^。！？\n]{20,80}[。！？]")
_TONES = {"a": "āáǎà", "e": "ēéěè", "o": "ōóǒò", "i": "īíǐì", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def draw_sentences(corpus: Path, n: int, seed: int) -> list[str]:
    """A fixed random draw of clean, GBK-encodable sentences (Traditional form too)."""
    to_trad = opencc.OpenCC("s2t")
    pool = []
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            for m in _SENTENCE.finditer(json.loads(line)["text"]):
                sentence = m.group().strip()
                if regex.search(r"[^\p{Han}\p{P}0-9A-Za-z]", sentence) or "?" in sentence:
                    continue
                try:
                    to_trad.convert(sentence).encode("gbk")
                except UnicodeEncodeError:
                    continue
                pool.append(sentence)
    return random.Random(seed).sample(pool, n)


def _toned(syllable: str, rng: random.Random) -> str:
    for vowel in ("a", "e", "o"):
        if vowel in syllable:
            break
    else:
        vowel = [c for c in syllable if c in _TONES][-1]
    return syllable.replace(vowel, _TONES[vowel][rng.randrange(4)], 1)


def damage(sentence: str, rng: random.Random, syllables: list[str], to_trad) -> str:
    text = to_trad.convert(sentence)
    if rng.random() < 0.5:  # glosses after a few characters, as web converters insert them
        chars = list(text)
        for k in sorted(rng.sample(range(len(chars)), 3), reverse=True):
            if regex.match(r"\p{Han}", chars[k]):
                chars.insert(k + 1, f"({_toned(rng.choice(syllables), rng)})")
        text = "".join(chars)
    data = text.encode("gbk")
    cut = rng.randrange(2, len(data) - 2)
    data = data[:cut] + data[cut + 1:]
    return data.decode("gbk", errors="replace").translate(_FOLD)


def normalize(records: list[dict], workdir: Path, *extra: str) -> list[dict]:
    source = workdir / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = workdir / ("out" + "".join(extra).replace("-", "_"))
    subprocess.run([sys.executable, "-m", "extract", "normalize", str(source), "--out", str(out), *extra],
                   check=True, cwd=ROOT)
    with open(out / "normalized.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def score(originals: list[str], outputs: list[dict], baseline: list[dict] | None = None) -> dict:
    acc, restored, unflagged, damaged_chars, flagged_chars = 0.0, 0, 0, 0, 0
    for k, (original, out) in enumerate(zip(originals, outputs)):
        original = original.translate(_FOLD)
        text = out["text"].translate(_FOLD)
        in_damage = [False] * len(text)
        for start, end in out.get("damaged", []):
            for i in range(start, end):
                in_damage[i] = True
        flagged_chars += sum(in_damage)
        for start, end, *_ in out.get("uncertain", []):
            for i in range(start, end):
                in_damage[i] = True
        matched = _matched(original, text)
        acc += sum(matched) / len(original)
        unflagged += sum(1 for i, ok in enumerate(matched) if not ok and not in_damage[i])
        kept = "".join(c for c in text if c != "\ufffd")
        kept_matched = sum(_matched(original, kept))
        if kept_matched == len(kept) and len(original) - len(kept) <= 1:
            restored += 1
        if baseline is not None:
            base = baseline[k]["text"].translate(_FOLD)
            damaged_chars += sum(1 for ok in _matched(original, base) if not ok)
    n = len(originals)
    result = {"sentences": n, "char_accuracy": acc / n, "restored": restored / n, "flagged_chars": flagged_chars}
    if baseline is not None:
        result.update(damaged_chars=damaged_chars, unflagged_chars=unflagged,
                      unflagged_share=unflagged / max(damaged_chars, 1),
                      excluded_share=flagged_chars / max(damaged_chars, 1))
    return result


def extract(records: list[dict], workdir: Path, name: str) -> dict[str, list[tuple[str, str, bool]]]:
    """``xinwen run`` on ``records``: each document's rows as (type, surface width-folded, repaired)."""
    import pandas as pd

    source = workdir / f"{name}.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = workdir / f"run_{name}"
    subprocess.run([sys.executable, "-m", "extract", "run", str(source), "--out", str(out)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    rows = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    flags = rows["repaired"].str.lower().eq("true") if "repaired" in rows else pd.Series(False, index=rows.index)
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for doc_id, kind, surface, flag in zip(rows["doc_id"], rows["type"], rows["surface"], flags):
        found.setdefault(doc_id, []).append((kind, surface.translate(_FOLD), bool(flag)))
    return found


def score_rows(damaged: dict, clean: dict, ids: list[str]) -> dict:
    """(e) and (f): rows from repaired text right on the clean originals, and clean rows recovered."""
    right = repaired = recovered = total = 0
    for doc_id in ids:
        truth = {(k, s) for k, s, _ in clean.get(doc_id, [])}
        got = damaged.get(doc_id, [])
        for kind, surface, flag in got:
            if flag:
                repaired += 1
                right += (kind, surface) in truth
        total += len(truth)
        recovered += len(truth & {(k, s) for k, s, _ in got})
    return {"repaired_rows": repaired, "repaired_right": right, "repaired_precision": right / max(repaired, 1),
            "clean_rows": total, "recovered": recovered, "recovered_share": recovered / max(total, 1)}


def _matched(original: str, text: str) -> list[bool]:
    """For each character of ``text``: is it part of a block matching ``original``?"""
    flags = [False] * len(text)
    for block in difflib.SequenceMatcher(None, original, text, autojunk=False).get_matching_blocks():
        for i in range(block.b, block.b + block.size):
            flags[i] = True
    return flags


def _case(original: str, damaged: str, out: dict, again: dict) -> dict:
    """One sentence for --dump: what went in, what came out, and what the figures hold against it."""
    text = out["text"].translate(_FOLD)
    spans = out.get("damaged", [])
    matched = _matched(original.translate(_FOLD), text)
    unflagged = [i for i, ok in enumerate(matched)
                 if not ok and not any(start <= i < end for start, end in spans)]
    return {"original": original, "damaged": damaged, "output": out["text"], "damaged_spans": spans,
            "unflagged": [[i, out["text"][i]] for i in unflagged],
            "second_pass": again["text"] if again["text"] != out["text"] else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--show", type=int, default=0, help="print N sentences not restored")
    parser.add_argument("--dump", type=Path, help="write every sentence (original, damaged, output, "
                        "damaged spans, unflagged characters) here as JSON lines, for study")
    args = parser.parse_args(argv)
    import yaml

    syllables = yaml.safe_load((ROOT / "rules" / "normalize.yaml").read_text(encoding="utf-8"))["pinyin_syllables"]
    syllables = [s for s in syllables if any(v in s for v in _TONES)]
    rng = random.Random(args.seed)
    to_trad = opencc.OpenCC("s2t")
    originals = draw_sentences(args.corpus, args.n, args.seed)
    damaged = [{"id": f"s{k:05d}", "text": damage(s, rng, syllables, to_trad)} for k, s in enumerate(originals)]
    clean = [{"id": f"s{k:05d}", "text": to_trad.convert(s)} for k, s in enumerate(originals)]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repaired = normalize(damaged, work)
        again = normalize([{"id": r["doc_id"], "text": r["text"]} for r in repaired], work)
        left = normalize(damaged, work, "--no-mojibake-repair")
        ceiling = normalize(clean, work)
        ids = [r["id"] for r in damaged]
        rows = score_rows(extract(damaged, work, "damaged"),
                          extract([{"id": i, "text": s} for i, s in zip(ids, originals)], work, "originals"), ids)
    figures = {
        "repaired": score(originals, repaired, baseline=left),
        "damage_left_in_place": score(originals, left),
        "undamaged_round_trip": score(originals, ceiling),
    }
    figures["second_pass_changed"] = sum(a["text"] != r["text"] for a, r in zip(again, repaired))
    figures["rows"] = rows
    print(f"{args.n} sentences from {args.corpus.name}, seed {args.seed}\n")
    print("| run | char accuracy | restored (exact or one char lost) | unflagged mojibake |")
    print("|---|---|---|---|")
    for name, f in figures.items():
        if not isinstance(f, dict) or name == "rows":
            continue
        extra = f"{f['unflagged_share']:.2%} ({f['unflagged_chars']} of {f['damaged_chars']})" if "unflagged_share" in f else ""
        print(f"| {name} | {f['char_accuracy']:.2%} | {f['restored']:.2%} | {extra} |")
    print(f"\nnormalizing the repaired output again changes {figures['second_pass_changed']} of {args.n} texts")
    f = figures["repaired"]
    print(f"damaged characters in damaged spans (nothing extracted from them): {f['excluded_share']:.2%} "
          f"({f['flagged_chars']} of {f['damaged_chars']})")
    print(f"rows from repaired text (repaired = true) right on the clean originals: {rows['repaired_precision']:.2%} "
          f"({rows['repaired_right']} of {rows['repaired_rows']})")
    print(f"rows of the clean originals found in the damaged sentences: {rows['recovered_share']:.2%} "
          f"({rows['recovered']} of {rows['clean_rows']})")
    for k in range(len(originals)):
        if args.show <= 0:
            break
        original = originals[k].translate(_FOLD)
        kept = "".join(c for c in repaired[k]["text"].translate(_FOLD) if c != "\ufffd")
        if not (sum(_matched(original, kept)) == len(kept) and len(original) - len(kept) <= 1):
            print(f"\n  original {originals[k]}\n  damaged  {damaged[k]['text']}\n  output   {repaired[k]['text']}")
            args.show -= 1
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            for k, original in enumerate(originals):
                handle.write(json.dumps(_case(original, damaged[k]["text"], repaired[k], again[k]),
                                        ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
