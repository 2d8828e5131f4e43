"""Loading and validating the course's data files (``data/``).

Every data file has a JSON Schema in ``data/schemas/``; ``validate_data``
checks them all, plus the rules a schema cannot say (span offsets that must
match the article text, ids that must exist), and names the file and the
item for every problem. Loaders cache their results: data files do not
change while a kernel runs.
"""
from __future__ import annotations

import csv
import json
import os
import tomllib
from functools import lru_cache
from pathlib import Path

__all__ = [
    "DataError",
    "data_dir",
    "load_data",
    "validate_data",
    "lexicon",
    "reporting_verb_forms",
    "fact_cards",
    "manifest",
    "annotations",
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
}


class DataError(ValueError):
    """A data file is missing, unreadable or does not match its schema."""


def data_dir() -> Path:
    """Return the data folder: ``$MEDIALIT_DATA`` or ``data/`` beside the package."""
    override = os.environ.get("MEDIALIT_DATA")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "data"


def _read(path: Path):
    """Read a JSON, TOML or CSV file into Python objects."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".toml":
        return tomllib.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return [_clean_row(row) for row in csv.DictReader(handle)]
    raise DataError(f"{path.name}: unknown data format {path.suffix!r}")


def _clean_row(row: dict) -> dict:
    """Strip spaces in a CSV row and turn empty cells into None."""
    return {key.strip(): (value.strip() or None) if value else None for key, value in row.items()}


@lru_cache(maxsize=None)
def _load_cached(folder: str, name: str):
    return _read(Path(folder) / name)


def load_data(name: str, folder: Path | None = None):
    """Load the data file ``name`` (a path inside the data folder).

    Raises:
        DataError: the file is missing or cannot be parsed; the message names it.
    """
    folder = Path(folder) if folder else data_dir()
    try:
        return _load_cached(str(folder), name)
    except FileNotFoundError:
        raise DataError(f"{name}: file not found in {folder}") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, csv.Error, UnicodeDecodeError) as err:
        raise DataError(f"{name}: cannot be read ({err})") from None


def lexicon(name: str) -> list[dict]:
    """Return the rows of ``data/lexicons/<name>.csv`` as dictionaries."""
    return load_data(f"lexicons/{name}.csv")


@lru_cache(maxsize=None)
def reporting_verb_forms() -> frozenset[str]:
    """Return every form of every reporting verb in the lexicon, lower-cased."""
    return frozenset(
        form.lower() for row in lexicon("reporting_verbs") for form in (row["forms"] or "").split()
    )


def fact_cards() -> dict[str, dict]:
    """Return the fact cards by id."""
    return {card["id"]: card for card in load_data("facts.json")["cards"]}


def manifest() -> dict:
    """Return the course manifest (lessons in order, with objectives and minutes)."""
    return load_data("course.toml")


def annotations() -> dict:
    """Return the gold annotations of the course article."""
    return load_data("annotations.json")


def _schema_errors(name: str, document, schema) -> list[str]:
    """Check ``document`` against ``schema``; one message per problem."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    rows = document if isinstance(document, list) else None
    errors = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        if rows is not None and error.absolute_path:
            where = f"row {error.absolute_path[0] + 2}" + (
                f" ({'/'.join(str(p) for p in list(error.absolute_path)[1:])})"
                if len(error.absolute_path) > 1 else ""
            )
        errors.append(f"{name}: {where}: {error.message}")
    return errors


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

    Returns:
        A list of messages, each naming the file and the item; empty when all is well.
    """
    folder = Path(folder) if folder else data_dir()
    problems = []
    documents = {}
    for name, schema_name in _expand(SCHEMAS, folder):
        try:
            document = _read(folder / name)
            schema = _read(folder / "schemas" / schema_name)
        except FileNotFoundError as err:
            problems.append(f"{name}: missing file ({Path(err.filename).name})")
            continue
        except (ValueError, csv.Error) as err:
            problems.append(f"{name}: cannot be read ({err})")
            continue
        documents[name] = document
        problems += _schema_errors(name, document, schema)
    if not problems:
        from medialit.validation import cross_checks

        problems += cross_checks(documents)
    return problems
