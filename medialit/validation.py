"""Validating the data files: each against its JSON Schema, then the rules across files.

``validate_data`` checks every file in ``data/`` against its schema in
``data/schemas/`` and then runs ``cross_checks``, the rules a schema cannot
state (offsets, ids), once every file has passed its schema. Each message
names the file and the item, for example
``annotations.json: attributions/A7 (content): text 'Putin sad' does not
match the article text at 1439-1448 ('Putin said')``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from medialit.article import Article
from medialit.data import data_dir, read_file

__all__ = [
    "SCHEMAS",
    "validate_data",
    "cross_checks",
    "check_annotations",
    "check_facts",
    "check_manifest",
    "check_bank_spans",
]

#: data file -> its schema (in data/schemas/). CSV files are checked row by row.
SCHEMAS = {
    "article.json": "article.schema.json",
    "annotations.json": "annotations.schema.json",
    "facts.json": "facts.schema.json",
    "course.toml": "course.schema.json",
    "questions/*.toml": "questions.schema.json",
    "lexicons/reporting_verbs.csv": "reporting_verbs.schema.json",
    "lexicons/naming.csv": "naming.schema.json",
    "lexicons/loaded_terms.csv": "loaded_terms.schema.json",
    "lexicons/hedges.csv": "hedges.schema.json",
    "lexicons/evaluative.csv": "evaluative.schema.json",
}

ANNOTATIONS = "annotations.json"
FACTS = "facts.json"
COURSE = "course.toml"


def cross_checks(documents: dict) -> list[str]:
    """Check the rules that span files; one message per problem, naming file and item.

    Args:
        documents: data file name -> parsed content, for every file that
            passed its schema.

    Returns:
        A list of messages; empty when every rule holds.
    """
    problems = []
    gold, facts = documents.get(ANNOTATIONS), documents.get(FACTS)
    if gold is not None and "article.json" in documents:
        problems += check_annotations(gold, _article(documents["article.json"]))
    if gold is not None and facts is not None:
        problems += check_facts(gold, facts)
    if COURSE in documents:
        problems += check_manifest(documents[COURSE])
    if "article.json" in documents:
        text = _article(documents["article.json"]).text
        for name, bank in sorted(documents.items()):
            if name.startswith("questions/"):
                problems += check_bank_spans(name, bank, text)
    return problems


def check_bank_spans(name: str, bank: dict, text: str) -> list[str]:
    """Check that the spans a question file writes with their text match the article.

    Args:
        name: the file name, for the messages.
        bank: the parsed question file.
        text: ``Article.text``.

    Returns:
        One message per span whose offsets or text are wrong.
    """
    problems = []
    for q in bank.get("questions", []):
        if q.get("type") != "spans":
            continue
        for field in ("answer", "tolerated"):
            for n, span in enumerate(q.get(field, [])):
                if isinstance(span, dict) and "text" in span:
                    where = f"{q.get('id')} ({field} {n})"
                    problems.append(_span_problem(where, span, text, name) or "")
    return [p for p in problems if p]


def _article(raw: dict):
    """Build the Article that offsets count in, from parsed article.json."""
    return Article(
        headline=raw["headline"],
        standfirst=raw["standfirst"],
        paragraphs=list(raw["paragraphs"]),
        metadata=raw.get("metadata", {}),
    )


def _span_problem(where: str, span: dict, text: str, file: str = ANNOTATIONS) -> str | None:
    """Return a message when ``span`` lies outside ``text`` or its text differs from the slice."""
    start, end, stored = span["start"], span["end"], span["text"]
    if not 0 <= start < end <= len(text):
        return (
            f"{file}: {where}: offsets {start}-{end} are outside the article text (0-{len(text)})"
        )
    if text[start:end] != stored:
        return (
            f"{file}: {where}: text {stored!r} does not match the article text "
            f"at {start}-{end} ({text[start:end]!r})"
        )
    return None


def _spans(gold: dict):
    """Yield (where, span) for every span in the annotations."""
    for s in gold["sentences"]:
        yield f"sentences/{s['id']}", s
    for src in gold["sources"]:
        for n, mention in enumerate(src["mentions"], start=1):
            yield f"sources/{src['id']} (mention {n})", mention
    for a in gold["attributions"]:
        for part in ("source_span", "cue", "content"):
            if a.get(part) is not None:
                yield f"attributions/{a['id']} ({part})", a[part]
    for layer in ("unattributed", "framing", "claims"):
        for item in gold[layer]:
            yield f"{layer}/{item['id']}", item


def _duplicate_ids(gold: dict) -> list[str]:
    """Report ids used twice within one layer."""
    problems = []
    for layer in ("sentences", "sources", "attributions", "unattributed", "framing", "claims"):
        seen = set()
        for item in gold[layer]:
            if item["id"] in seen:
                problems.append(f"{ANNOTATIONS}: {layer}/{item['id']}: the id is used twice")
            seen.add(item["id"])
    return problems


def _sentence_problems(gold: dict, article) -> list[str]:
    """Compare the sentence list with ``Article.sentences`` (ids and offsets)."""
    expected = [(s.id, s.start, s.end) for s in article.sentences]
    found = [(s["id"], s["start"], s["end"]) for s in gold["sentences"]]
    problems = []
    for want, got in zip(expected, found):
        if want != got:
            problems.append(
                f"{ANNOTATIONS}: sentences/{got[0]}: expected sentence {want[0]} "
                f"at {want[1]}-{want[2]}, found {got[0]} at {got[1]}-{got[2]}"
            )
    if len(expected) != len(found):
        problems.append(
            f"{ANNOTATIONS}: sentences: the article has {len(expected)} sentences, "
            f"the annotations list {len(found)}"
        )
    return problems


def _within(span: dict, bounds: tuple[int, int]) -> bool:
    """Return True when ``span`` lies inside ``bounds``."""
    return bounds[0] <= span["start"] and span["end"] <= bounds[1]


def _reference_problems(gold: dict, article) -> list[str]:
    """Check source ids, sentence ids and that each part lies in its sentence's paragraph."""
    sources = {s["id"] for s in gold["sources"]}
    sentences = {s.id: s for s in article.sentences}
    problems = []
    for a in gold["attributions"]:
        where = f"{ANNOTATIONS}: attributions/{a['id']}"
        if a["source"] not in sources:
            problems.append(f"{where}: source {a['source']!r} is not in the sources list")
        sentence = sentences.get(a["sentence"])
        if sentence is None:
            problems.append(f"{where}: sentence {a['sentence']!r} does not exist")
        elif not _within(a["content"], article.paragraph_spans[sentence.paragraph]):
            problems.append(
                f"{where} (content): lies outside paragraph {sentence.paragraph} "
                f"of sentence {a['sentence']}"
            )
    for u in gold["unattributed"]:
        sentence = sentences.get(u["sentence"])
        if sentence is None:
            problems.append(
                f"{ANNOTATIONS}: unattributed/{u['id']}: sentence {u['sentence']!r} does not exist"
            )
        elif not _within(u, (sentence.start, sentence.end)):
            problems.append(
                f"{ANNOTATIONS}: unattributed/{u['id']}: lies outside sentence {u['sentence']}"
            )
    return problems


def _class_problems(gold: dict) -> list[str]:
    """Check that sentence classes agree with the attribution and unattributed layers."""
    attributed = {a["sentence"] for a in gold["attributions"]}
    writer_only = {
        u["sentence"]
        for u in gold["unattributed"]
        if any(
            u["sentence"] == s["id"] and (u["start"], u["end"]) == (s["start"], s["end"])
            for s in gold["sentences"]
        )
    }
    problems = []
    for s in gold["sentences"]:
        where = f"{ANNOTATIONS}: sentences/{s['id']}"
        if s["class"] == "unattributed" and s["id"] in attributed:
            problems.append(f"{where}: class is unattributed but an attribution points to it")
        if s["class"] == "unattributed" and s["id"] not in writer_only:
            problems.append(f"{where}: class is unattributed but no unattributed span covers it")
        if s["class"] != "unattributed" and s["id"] not in attributed:
            problems.append(f"{where}: class is {s['class']} but no attribution points to it")
    return problems


def check_annotations(gold: dict, article) -> list[str]:
    """Check the gold annotations against the article they annotate.

    Args:
        gold: parsed ``annotations.json`` (already valid against its schema).
        article: the ``Article`` whose ``text`` the offsets count in.

    Returns:
        One message per problem, naming the file and the item.
    """
    problems = _duplicate_ids(gold) + _sentence_problems(gold, article)
    problems += [
        p for where, span in _spans(gold) if (p := _span_problem(where, span, article.text))
    ]
    return problems + _reference_problems(gold, article) + _class_problems(gold)


def check_facts(gold: dict, facts: dict) -> list[str]:
    """Check that claims and fact cards name each other, in both directions.

    Args:
        gold: parsed ``annotations.json``.
        facts: parsed ``facts.json``.

    Returns:
        One message per problem, naming the file and the item.
    """
    cards = {c["id"]: c for c in facts["cards"]}
    claims = {c["id"]: c for c in gold["claims"]}
    problems = [
        f"{FACTS}: cards/{cid}: the id is used twice"
        for cid in {c["id"] for c in facts["cards"]}
        if sum(c["id"] == cid for c in facts["cards"]) > 1
    ]
    for claim in gold["claims"]:
        for cid in claim["fact_cards"]:
            if cid not in cards:
                problems.append(
                    f"{ANNOTATIONS}: claims/{claim['id']}: fact card {cid} is not in {FACTS}"
                )
            elif claim["id"] not in cards[cid]["claims"]:
                problems.append(
                    f"{FACTS}: cards/{cid}: does not list claim {claim['id']}, which cites it"
                )
    for item in gold["framing"]:
        problems += [
            f"{ANNOTATIONS}: framing/{item['id']}: fact card {cid} is not in {FACTS}"
            for cid in item.get("fact_cards", [])
            if cid not in cards
        ]
    for card in facts["cards"]:
        for claim_id in card["claims"]:
            if claim_id not in claims:
                problems.append(
                    f"{FACTS}: cards/{card['id']}: claim {claim_id} is not in {ANNOTATIONS}"
                )
            elif card["id"] not in claims[claim_id]["fact_cards"]:
                problems.append(
                    f"{FACTS}: cards/{card['id']}: claim {claim_id} does not cite this card"
                )
    return problems


def check_manifest(course: dict) -> list[str]:
    """Check that lesson stems and objective ids are unique and objectives match their lesson.

    Args:
        course: parsed ``course.toml``.

    Returns:
        One message per problem, naming the file and the item.
    """
    problems, stems, objectives = [], set(), set()
    for lesson in course["lessons"]:
        if lesson["stem"] in stems:
            problems.append(f"{COURSE}: lessons/{lesson['stem']}: the stem is used twice")
        stems.add(lesson["stem"])
        for objective in lesson["objectives"]:
            oid = objective["id"]
            if oid in objectives:
                problems.append(
                    f"{COURSE}: lessons/{lesson['stem']}: objective {oid} is used twice"
                )
            if not oid.startswith(lesson["stem"][:2] + "."):
                problems.append(
                    f"{COURSE}: lessons/{lesson['stem']}: objective {oid} does not start "
                    f"with the lesson number {lesson['stem'][:2]}"
                )
            objectives.add(oid)
    return problems


def _schema_errors(name: str, document, schema) -> list[str]:
    """Check ``document`` against ``schema``; one message per problem."""
    import jsonschema  # heavy (about 3 s to import with its format checkers): only when validating

    validator = jsonschema.Draft202012Validator(schema)
    rows = document if isinstance(document, list) else None
    errors = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        errors.append(f"{name}: {_where(error.absolute_path, rows is not None)}: {error.message}")
    return errors


def _where(path, is_rows: bool) -> str:
    """Say where in a document an error lies: a JSON path, or a CSV row number."""
    parts = [str(p) for p in path]
    if not parts:
        return "(top level)"
    if not is_rows:
        return "/".join(parts)
    rest = f" ({'/'.join(parts[1:])})" if len(parts) > 1 else ""
    return f"row {int(parts[0]) + 2}{rest}"


def _expand(schemas: dict, folder: Path):
    """Yield (file name, schema name), expanding glob patterns such as ``questions/*.toml``."""
    for pattern, schema_name in schemas.items():
        if "*" in pattern:
            for path in sorted(folder.glob(pattern)):
                yield path.relative_to(folder).as_posix(), schema_name
        else:
            yield pattern, schema_name


def validate_data(folder: Path | None = None) -> list[str]:
    """Validate every data file against its schema and the cross-file rules.

    Args:
        folder: the data folder (default ``medialit.paths.data_dir()``).

    Returns:
        A list of messages, each naming the file and the item; empty when all is well.
    """
    folder = Path(folder) if folder else data_dir()
    problems: list[str] = []
    documents = {}
    for name, schema_name in _expand(SCHEMAS, folder):
        try:
            document = read_file(folder / name)
            schema = read_file(folder / "schemas" / schema_name)
        except FileNotFoundError as err:
            problems.append(f"{name}: missing file ({Path(err.filename).name})")
            continue
        except (ValueError, csv.Error) as err:
            problems.append(f"{name}: cannot be read ({err})")
            continue
        documents[name] = document
        problems += _schema_errors(name, document, schema)
    if not problems:
        problems += cross_checks(documents)
    return problems
