"""Build ``data/lexicons/evaluative.csv`` from two general sentiment lexicons.

Run once, by hand, with the two source packages installed in a scratch
environment (never at run time, never by the course):

    python -m venv /tmp/lex && /tmp/lex/bin/pip install --no-deps \
        vaderSentiment==3.3.2 textblob==0.20.1
    .venv/bin/python benchmarks/build_evaluative_lexicon.py /tmp/lex/lib/python3.11/site-packages

Sources (see ``data/lexicons/README.md`` for versions and licences):

* the VADER lexicon (``vaderSentiment/vader_lexicon.txt``: word, mean valence
  from -4 to +4 over ten raters, ...) and VADER's booster words
  (``BOOSTER_DICT`` in ``vaderSentiment/vaderSentiment.py``, the words that
  raise intensity: "very", "utterly", ...);
* Pattern's subjectivity lexicon of English adjectives as shipped by TextBlob
  (``textblob/en/en-sentiment.xml``: polarity, subjectivity per sense);
* the part of speech of each word from the Brill lexicon shipped by TextBlob
  (``textblob/en/en-lexicon.txt``: a word and its most frequent Penn tag).

A word is kept when its most frequent tag is an adjective or an adverb
(``JJ*``, ``RB*``), it is not one of the course's stopwords
(``medialit/nltk_data/corpora/stopwords/english``), it is written in plain
lower-case letters, and either its VADER valence is at least 2.0 away from 0
or Pattern rates it (averaged over its senses, as TextBlob does) with
subjectivity >= 0.8 and polarity at least 0.3 away from 0. A booster is kept
when the Brill lexicon tags it as an adjective or adverb (so "fracking", a
noun in news, is not). Nouns and verbs are left out: in news they mostly
describe ("war", "killed", "peace") rather than judge. The thresholds were
chosen on the even-numbered half of the PTC articles (``external.py --split``).
"""

from __future__ import annotations

import ast
import csv
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "lexicons" / "evaluative.csv"
STOPWORDS = ROOT / "medialit" / "nltk_data" / "corpora" / "stopwords" / "english"
PLAIN = re.compile(r"[a-z][a-z'-]*[a-z]")
MIN_VALENCE = 2.0
MIN_SUBJECTIVITY = 0.8
MIN_POLARITY = 0.3
FIELDS = ("term", "kind", "pos", "polarity", "valence", "subjectivity", "origin")


def _vader(site: Path) -> tuple[dict[str, float], list[str]]:
    """VADER's mean valence per entry and its booster (intensity-raising) words."""
    valence = {}
    for line in (site / "vaderSentiment" / "vader_lexicon.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            valence[parts[0]] = float(parts[1])
    source = (site / "vaderSentiment" / "vaderSentiment.py").read_text("utf-8")
    block = re.search(r"BOOSTER_DICT = \\?\s*(\{.*?\})", source, re.S)
    if block is None:
        raise SystemExit("BOOSTER_DICT not found in vaderSentiment.py")
    raw = re.sub(r"B_(?:INCR|DECR)", "0", block.group(1))
    increasing = re.findall(r'"([^"]+)": B_INCR', block.group(1))
    return valence, [w for w in ast.literal_eval(raw) if w in increasing]


def _pattern(site: Path) -> dict[str, tuple[float, float]]:
    """Pattern's polarity and subjectivity per adjective, averaged over its senses."""
    senses: dict[str, list[tuple[float, float]]] = {}
    root = ET.parse(site / "textblob" / "en" / "en-sentiment.xml").getroot()
    for word in root.iter("word"):
        form = (word.get("form") or "").lower()
        pair = (float(word.get("polarity") or 0), float(word.get("subjectivity") or 0))
        senses.setdefault(form, []).append(pair)
    return {
        form: (sum(p for p, _ in pairs) / len(pairs), sum(s for _, s in pairs) / len(pairs))
        for form, pairs in senses.items()
    }


def _tags(site: Path) -> dict[str, str]:
    """The Brill lexicon's most frequent tag per word written in lower case."""
    tags: dict[str, str] = {}
    for line in (site / "textblob" / "en" / "en-lexicon.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if not line.startswith(";;;") and len(parts) >= 2 and parts[0].islower():
            tags.setdefault(parts[0], parts[1])
    return tags


def _pos(tag: str) -> str | None:
    """'adjective' or 'adverb' for a Penn tag, None for any other."""
    if tag.startswith("JJ"):
        return "adjective"
    if tag.startswith("RB"):
        return "adverb"
    return None


def build(
    site: Path, min_valence: float = MIN_VALENCE, min_subjectivity: float = MIN_SUBJECTIVITY
) -> list[dict]:
    """Return the rows of evaluative.csv from the packages installed in ``site``."""
    valence, boosters = _vader(site)
    pattern = _pattern(site)
    tags = _tags(site)
    stop = set(STOPWORDS.read_text("utf-8").split())
    rows = []
    for term in sorted(set(valence) | set(pattern)):
        pos = _pos(tags.get(term, ""))
        if pos is None or term in stop or not PLAIN.fullmatch(term) or term in boosters:
            continue
        v = valence.get(term)
        p = pattern.get(term)
        strong_v = v is not None and abs(v) >= min_valence
        strong_p = p is not None and p[1] >= min_subjectivity and abs(p[0]) >= MIN_POLARITY
        if not (strong_v or strong_p):
            continue
        sign = v if strong_v else p[0]  # type: ignore[index]
        rows.append(
            {
                "term": term,
                "kind": "evaluative",
                "pos": pos,
                "polarity": "negative" if sign < 0 else "positive",
                "valence": f"{v:.1f}" if v is not None else "",
                "subjectivity": f"{p[1]:.1f}" if p is not None else "",
                "origin": "+".join(
                    n for n, ok in (("vader", strong_v), ("pattern", strong_p)) if ok
                ),
            }
        )
    for term in sorted(boosters):
        pos = _pos(tags.get(term, ""))
        if PLAIN.fullmatch(term) and pos:
            booster = {"term": term, "kind": "booster", "pos": pos, "origin": "vader"}
            rows.append(dict.fromkeys(FIELDS, "") | booster)
    return rows


def main(argv: list[str]) -> int:
    """Write data/lexicons/evaluative.csv from the site-packages folder given."""
    if len(argv) != 1:
        print(__doc__)
        return 2
    rows = build(Path(argv[0]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
