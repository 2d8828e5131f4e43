"""Loading the course's data files (``data/``): JSON, TOML and CSV, cached.

Every data file has a JSON Schema in ``data/schemas/``; ``medialit.validation``
checks them. Loaders cache their results: data files do not change while a
kernel runs. The folder comes from ``medialit.paths.data_dir``.
"""

import csv
import json
import tomllib
from functools import cache
from pathlib import Path

from medialit.paths import data_dir

__all__ = [
    "DataError",
    "data_dir",
    "load_data",
    "read_file",
    "lexicon",
    "reporting_verb_forms",
    "fact_cards",
    "manifest",
    "annotations",
]


class DataError(ValueError):
    """A data file is missing, unreadable or does not match its schema."""


def read_file(path: Path):
    """Read a JSON, TOML or CSV file into Python objects (not cached).

    Raises:
        DataError: the format is not one of the three.
        OSError, ValueError, csv.Error: the file is missing or cannot be parsed.
    """
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".toml":
        return tomllib.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return [_clean_row(row) for row in csv.DictReader(handle)]
    raise DataError(f"{path.name}: unknown data format {path.suffix!r}")


def _clean_row(row: dict) -> dict:
    """Strip spaces in a CSV row and turn empty cells into None.

    Raises:
        DataError: the row has more cells than the header names.
    """
    if None in row:
        raise DataError(f"a row has more cells than the header names: {row[None]!r}")
    return {key.strip(): (value.strip() or None) if value else None for key, value in row.items()}


@cache
def _load_cached(folder: str, name: str):
    return read_file(Path(folder) / name)


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


@cache
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
