"""Rows of the names rules added 2026-12-06 (evening) on fresh news, up to 30 per group, for blind judging."""
import gzip, json, random, sys, subprocess
from pathlib import Path
sys.path.insert(0, ".")
NEWS = Path(__file__).resolve().parents[4] / "shared" / "data" / "news"
from extract.pipeline import Pipeline
from extract.readers import Document
from extract.names.train import gold_ids
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
p = Pipeline(); skip = gold_ids()
QUOTES = "“「『\""
def group(m):
    r, s = m.rule, m.surface
    if m.type == "organization":
        if r == "org.media.title": return r
        if r.startswith("org.known.") and r.split("+")[0] in ("org.known.company.taiwan", "org.known.company.international", "org.known.media.taiwan", "org.known.party", "org.known.university.taiwan", "org.known.team"):
            return r.split("+")[0]
        if r == "org.government" and ("卫生健康委" in s or "发展改革委" in s): return "org.government.commission_short"
        if r == "org.abbreviation" and s.endswith("监会"): return "org.abbreviation.regulators"
    if m.type == "program":
        if r.startswith("program.bare") and s[:1] in QUOTES: return "program.bare.quoted"
        if r == "program.bare.show": return r
        if r == "program.bare.edition" and any(h in s for h in ("世锦赛", "公开赛", "大奖赛", "巡回赛", "邀请赛", "冠军赛", "研讨班", "学习班", "研修班", "阅读季", "冰雪季", "购物季", "消费季", "夏季", "冬季", "春季", "秋季")):
            return "program.bare.edition.new_heads"
    return None
rows = {}
def run(path, idf, tf, df, pat, lo, hi):
    for i, l in enumerate(gzip.open(path, "rt"), start=1):
        if i < lo: continue
        if i >= hi: break
        r = json.loads(l); did = pat.format(id=r.get(idf or "", ""), line=i)
        if did in skip: continue
        res = p.process(Document(did, "", text=r[tf], published=str(r.get(df) or "")))
        for m in res.mentions:
            g = group(m)
            if g:
                rows.setdefault(g, {}).setdefault((m.surface, m.sentence), {"doc_id": did, "surface": m.surface, "sentence": m.sentence, "rule": m.rule, "group": g, "commit": commit})
run(NEWS / "cctv-xwlb-stories.jsonl.gz", "id", "text", "pub_time", "cctv-{id}", 68000, 74600)
run(NEWS / "taiwan-news-2017-zh-hant.jsonl.gz", None, "content", "date", "taiwan-{line}", 1, 3000)
rng = random.Random(20261207)
out = []
for g in sorted(rows):
    items = list(rows[g].values()); rng.shuffle(items)
    print(g, len(items), file=sys.stderr)
    out += items[:30]
rng.shuffle(out)
with open(sys.argv[1], "w") as f:
    for r in out: f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out), file=sys.stderr)
