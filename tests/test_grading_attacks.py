"""Every attack on the grader (tests/fixtures/grading/attacks.toml) with its expected outcome.

Each attack is one hostile folder in a class with two honest students. For
every attack: the gradebook is written, the honest students' rows are exactly
those of the class graded without the attacker, nothing the attacker wrote ran
(no marker file, the package and the classmates' files unchanged, no CSV cell
a spreadsheet would read as a formula), and the attacker gets the expected
score, statuses and lines in the run summary.
"""

import csv
import hashlib
import json
import os
import shutil
import socket
import sys
import time
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "grading"))
import classroom  # noqa: E402

import medialit  # noqa: E402

ATTACKS = tomllib.loads(
    (Path(__file__).parent / "fixtures/grading/attacks.toml").read_text("utf-8")
)["attack"]
PACKAGE = Path(medialit.__file__).resolve().parent
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _digest(folder: Path) -> str:
    """A digest of every file below a folder (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """The honest class graded alone: (course folders, alice's and bob's rows)."""
    tmp = tmp_path_factory.mktemp("baseline")
    data, exercises = classroom.course(tmp)
    classroom.honest_class(tmp / "subs")
    run = classroom.grade(tmp / "subs", tmp / "grades", data, exercises)
    assert run.code == 0
    return {name: run.student_rows(name) for name in ("alice", "bob")}


def _placeholders(text: str, names: dict) -> str:
    for key, value in names.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def _widgets(attack: dict) -> dict | None:
    """The attacker's answers file, with the oversized values the TOML only names."""
    widgets = attack.get("widgets")
    if widgets is None:
        return None
    widgets = dict(widgets)
    if widgets.get("ex01_6") == "xxxxxxxxxx":
        widgets["ex01_6"] = " ".join("y" * 10_000 for _ in range(10))
    if widgets.get("ex01_3") == "many":
        widgets["ex01_3"] = [f"id{n}" for n in range(50_000)]
    return widgets


def _special(path: Path, entry: dict, names: dict, attacker_notebook: Path | None) -> None:
    """Create one extra entry of an attack (see the kinds in attacks.toml)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = entry["kind"]
    if kind == "text":
        path.write_text(entry["content"] * entry.get("repeat", 1), encoding="utf-8")
    elif kind == "deep_json":
        path.write_text("[" * entry["depth"] + "]" * entry["depth"], encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    elif kind == "dir":
        path.mkdir()
    elif kind == "copy":
        shutil.copy(attacker_notebook, path)
    elif kind == "notebook":
        path.write_text(json.dumps(classroom.notebook(classroom.RIGHT)), encoding="utf-8")
    elif kind == "symlink":
        targets = {
            "solution": classroom.FIXTURES / "notebooks/solutions/01-fixture.ipynb",
            "classmate": names["classmate"],
            "classmate-answers": names["classmate"] / "answers/exercise-01.json",
            "data": names["data"],
        }
        if path.exists() or path.is_symlink():
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        path.symlink_to(targets[entry["target"]])
    else:
        raise AssertionError(f"unknown kind {kind}")


def _build(attack: dict, subs: Path, names: dict) -> None:
    """Write the attacker's folder (and any extra students) into ``subs``."""
    folder = subs / attack.get("folder", "mallory")
    place = folder / attack["layout"] if attack.get("layout") else folder
    notebook = None
    if attack.get("notebook", True):
        typed = attack.get("typed", classroom.RIGHT)
        cells = {
            q: _placeholders(src.strip("\n"), names) for q, src in attack.get("cells", {}).items()
        }
        notebook = classroom.write_student(place, typed, _widgets(attack), cells)
    elif attack.get("widgets") is not None:
        (place / "answers").mkdir(parents=True)
        (place / "answers/exercise-01.json").write_text(
            json.dumps(_widgets(attack)), encoding="utf-8"
        )
    for entry in attack.get("files", []):
        _special(folder / entry["path"] if entry["path"] else folder, entry, names, notebook)
    for name in attack.get("students", []):
        classroom.write_student(subs / name, classroom.RIGHT, classroom.WIDGETS_RIGHT)


def _formula_cells(out: Path) -> list[str]:
    """Every CSV cell of the outputs that a spreadsheet would read as a formula."""
    found = []
    for path in sorted(out.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            found += [
                f"{path.name}: {cell!r}"
                for row in csv.reader(handle)
                for cell in row
                if cell.startswith(FORMULA)
            ]
    return found


@pytest.mark.parametrize("attack", ATTACKS, ids=[a["name"] for a in ATTACKS])
def test_attack(attack, baseline, tmp_path):
    data, exercises = classroom.course(tmp_path)
    subs, out, marker = tmp_path / "subs", tmp_path / "grades", tmp_path / "marker"
    classroom.honest_class(subs)
    names = {
        "marker": marker,
        "classmate": subs / "alice",
        "data": data,
        "out": out,
        "package": PACKAGE,
    }
    _build(attack, subs, names)
    package, classmate = _digest(PACKAGE), _digest(subs / "alice")
    start = time.perf_counter()
    run = classroom.grade(subs, out, data, exercises)
    seconds = time.perf_counter() - start
    expect = attack["expect"]

    assert run.code == 0 and (out / "gradebook.csv").exists()
    refused = set(expect.get("refused", []))
    for name in ("alice", "bob"):
        if name not in refused:
            assert run.student_rows(name) == baseline[name], f"{name}'s grades changed"
    assert not marker.exists(), "a cell of the submission ran"
    assert _digest(PACKAGE) == package and _digest(subs / "alice") == classmate
    assert _formula_cells(out) == []
    student = classroom.clean_id(attack.get("folder", "mallory"))
    if expect.get("graded", True):
        assert run.total(student) == expect["total"]
        for qid, status in expect.get("status", {}).items():
            assert run.rows[student, qid]["status"] == status, qid
        for qid, attempts in expect.get("attempts", {}).items():
            assert run.rows[student, qid]["attempts"] == attempts, qid
    else:
        assert student not in run.totals
    for name in refused:
        assert name not in run.totals and not any(who == name for who, _q in run.rows)
    for line in expect.get("report", []):
        assert line in run.report, f"the summary does not say: {line}\n{run.report}"
    assert seconds < expect.get("seconds", 30)


def test_every_attack_of_the_issue_has_a_fixture():
    """The issue's attacks (and our own) are all in attacks.toml, each with an outcome."""
    names = {a["name"] for a in ATTACKS}
    assert len(names) == len(ATTACKS) and len(ATTACKS) >= 40
    assert all("total" in a["expect"] or a["expect"].get("graded") is False for a in ATTACKS)
    from_issue = [a for a in ATTACKS if not a["issue"].startswith("own:")]
    assert len(from_issue) >= 25
