"""The student bundle: built from the last commit, nothing but what students need, two modes.

practice: every question gives feedback from the hashed key (and no plain key or
solution is in the bundle). assessed: nothing in the bundle answers an exercise
question: no key, hash, hint, explanation or gold annotation, and check() says
the same for a right and a wrong answer.
"""

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest

from medialit.assessment import load_bank
from medialit.authoring.bundle import ASSESSED_FIELDS, BundleError, build_student_bundle
from medialit.authoring.exercises import BEGIN, END, make_exercises
from medialit.paths import checkout_root

ROOT = checkout_root()
FIXTURES = Path(__file__).parent / "fixtures"
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".csv", ".json", ".ipynb", ".cfg", ".html"}
#: what a student bundle holds at its top, and nothing else
TOP = {
    "LICENSE",
    "README.md",
    "data",
    "exercises",
    "lessons",
    "medialit",
    "pyproject.toml",
    "requirements.txt",
}
#: answers of the fixture bank: right, then wrong, for each exercise question
PAIRS = [
    ("ex01_1", "b"),
    ("ex01_1", "c"),
    ("ex01_2", ["a", "b", "d"]),
    ("ex01_2", ["a"]),
    ("ex01_3", ["putin"]),
    ("ex01_3", ["putin", "china"]),
    ("ex01_4", {"H": "mixed", "S": "indirect", "P2.1": "direct"}),
    ("ex01_4", {"H": "mixed", "S": "direct"}),
    ("ex01_5", [[2643, 2654], [2902, 2928]]),
    ("ex01_5", [[2643, 2654]]),
    ("ex01_6", "Ukraine's government and Western officials are never quoted."),
    ("ex01_6", "banana"),
    ("ex01_7", 42.5),
    ("ex01_7", 57.5),
]


def _strings(value):
    """Every string inside a JSON value (keys and values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _corpus(folder: Path) -> str:
    """All text of the bundle; notebooks and JSON decoded so escaped quotes do not hide a leak."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        if path.suffix in (".json", ".ipynb"):
            parts.extend(_strings(json.loads(text)))
    return "\n".join(parts)


def _solution_lines(solutions: Path) -> list[str]:
    """Non-trivial lines between the solution markers (code) of every solution notebook."""
    lines = []
    for path in sorted(solutions.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                stripped = line.strip()
                if stripped in (BEGIN, END):
                    inside = stripped == BEGIN
                elif inside and len(stripped) >= 8 and not stripped.startswith("#"):
                    lines.append(stripped)
    return lines


def _json_objects(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_objects(item)


def _key_leaks(student: Path, questions: Path) -> list[str]:
    """Objects that hold a question id together with its correct option (or any 'answer' field)."""
    correct = {}
    for path in sorted(questions.glob("*.toml")):
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            if q["type"] in ("single", "multiple"):
                ids = {q["answer"]} if q["type"] == "single" else set(q["answer"])
                texts = {o["text"] for o in q["options"] if o["id"] in ids}
                correct[q["id"]] = ids | texts
    leaks = []
    for path in sorted(student.rglob("*.json")) + sorted(student.rglob("*.ipynb")):
        for obj in _json_objects(json.loads(path.read_text(encoding="utf-8"))):
            for qid, secret in correct.items():
                if qid not in obj.values():
                    continue
                if "answer" in obj or "model_answer" in obj:
                    leaks.append(f"{path.name}: {qid} has an answer field")
                public = {
                    k: v
                    for k, v in obj.items()
                    if k not in ("options", "items", "labels", "concepts")
                }
                found = secret & set(_strings(public))
                leaks += [f"{path.name}: {qid} holds {s!r}" for s in sorted(found)]
    return leaks


def _in_bundle(student: Path, code: str, payload) -> object:
    """Run ``code`` in a fresh interpreter on the bundle's own package and data."""
    env = {
        **os.environ,
        "MEDIALIT_DATA": str(student / "data"),
        "PYTHONPATH": str(student),
        "MEDIALIT_ANSWERS": str(student / "exercises" / "answers"),
    }
    env.pop("MEDIALIT_STRICT", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=env,
        cwd=student,
        check=True,
    )
    return json.loads(done.stdout)


_FEEDBACK = (
    "import json, sys; from medialit import check; "
    "print(json.dumps([[f.status, f.message, f.score, "
    "f.details] for f in (check(q, a) for q, a in json.loads(sys.stdin.read()))]))"
)


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(root), *args],
        check=True,
        capture_output=True,
    )


def _lesson(path: Path) -> None:
    """A small executed lesson whose stored output shows the gold reading (as real lessons do)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_gold()")
    cell.outputs = [
        nbformat.v4.new_output(
            "stream", name="stdout", text="H: mixed, S: indirect, P2.1: direct\n"
        )
    ]
    cell.execution_count = 1
    nb.cells = [cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, path)


@pytest.fixture
def course(tmp_path):
    """A small course in its own git repository: the fixture bank and solution, the real package."""
    root = tmp_path / "course"
    (root / "data").mkdir(parents=True)
    for name in ("article.json", "annotations.json", "facts.json"):
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    shutil.copytree(FIXTURES / "questions", root / "data" / "questions")
    shutil.copytree(FIXTURES / "notebooks" / "solutions", root / "solutions")
    make_exercises(solutions=root / "solutions", exercises=root / "exercises")
    (root / "lessons").mkdir()
    _lesson(root / "lessons" / "01-fixture.ipynb")
    shutil.copytree(
        ROOT / "medialit", root / "medialit", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "requirements.txt", "LICENSE", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "course")
    return root


def _assert_no_leak(student: Path, root: Path):
    assert {p.name for p in student.iterdir()} <= TOP
    assert not (student / "solutions").exists() and not (student / "tests").exists()
    assert not list((student / "data").glob("questions/*.toml"))
    corpus = _corpus(student)
    leaked = [line for line in _solution_lines(root / "solutions") if line in corpus]
    assert leaked == [], f"solution lines found in the bundle: {leaked[:5]}"
    assert _key_leaks(student, root / "data" / "questions") == []


def _outputs(folder: Path) -> int:
    return sum(
        len(c.get("outputs", []))
        for p in folder.glob("*.ipynb")
        for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
    )


def test_practice_bundle_has_no_key_and_scores_the_same(course, tmp_path):
    zipped = build_student_bundle(tmp_path / "dist", root=course)
    student = tmp_path / "dist" / "student"
    assert {p.name for p in student.iterdir()} == TOP
    assert (student / "exercises" / "01-fixture.ipynb").exists() and _outputs(
        student / "exercises"
    ) == 0
    assert (student / "data" / "annotations.json").exists() and _outputs(student / "lessons") == 1
    _assert_no_leak(student, course)
    assert _solution_lines(course / "solutions")  # the check has something to look for
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(
            i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist()
        )
    assert "student/data/questions.public.json" in names
    pairs = PAIRS + [("l01_1", 9)]
    full = load_bank(course / "data")
    assert [f[2] for f in _in_bundle(student, _FEEDBACK, pairs)] == [
        full.check(q, a).score for q, a in pairs
    ]
    readme = (student / "README.md").read_text(encoding="utf-8")
    assert "trying one answer after another reveals it" in readme and "count of tries" in readme


def test_assessed_bundle_answers_no_exercise_question(course, tmp_path):
    build_student_bundle(tmp_path / "dist", root=course, mode="assessed")
    student = tmp_path / "dist" / "student"
    _assert_no_leak(student, course)
    assert not (
        student / "data" / "annotations.json"
    ).exists()  # the gold reading answers exercises
    assert _outputs(student / "lessons") == 0 and _outputs(student / "exercises") == 0
    assert (
        "widgets" not in json.loads((student / "lessons/01-fixture.ipynb").read_text())["metadata"]
    )
    bank = json.loads((student / "data" / "questions.public.json").read_text(encoding="utf-8"))
    for q in bank["questions"]:
        if q["id"].startswith("ex"):
            assert (
                set(q) <= set(ASSESSED_FIELDS) | {"options", "assessed"} and q["assessed"] is True
            )
            assert all(set(o) == {"id", "text"} for o in q.get("options", []))
        else:
            assert "key" in q and "salt" in q  # lesson self-checks keep their feedback
    feedback = _in_bundle(student, _FEEDBACK, PAIRS + [("l01_1", 9), ("l01_1", 8)])
    exercise = feedback[: len(PAIRS)]
    assert all(f == exercise[0] for f in exercise), (
        "check() tells right from wrong in an assessed bundle"
    )
    assert exercise[0][0] == "Saved for marking" and "will mark it" in exercise[0][1]
    assert [f[0] for f in feedback[len(PAIRS) :]] == ["Correct", "Not yet"]
    widget = (
        "import json; from medialit import check; "
        "from medialit.widgets.static import verdict_html; "
        "print(json.dumps(verdict_html(check('ex01_1', 'b'))))"
    )
    assert "✎ Saved for marking" in _in_bundle(student, widget, None)  # the widgets say the same
    readme = (student / "README.md").read_text(encoding="utf-8")
    assert "it does\nnot say whether the answer is right" in readme


def test_a_check_loop_learns_nothing_from_an_assessed_bundle(course, tmp_path):
    """The issue's loop solved every question through check(); here every guess looks the same."""
    build_student_bundle(tmp_path / "dist", root=course, mode="assessed")
    student = tmp_path / "dist" / "student"
    loop = (
        "import itertools, json, sys; from medialit import check, question\n"
        "seen = {}\n"
        "for qid in ['ex01_1', 'ex01_2']:\n"
        "    ids = [o['id'] for o in question(qid)['options']]\n"
        "    for n in range(1, len(ids) + 1):\n"
        "        for guess in itertools.combinations(ids, n):\n"
        "            f = check(qid, list(guess))\n"
        "            seen.setdefault(qid, set()).add((f.status, f.message, f.score))\n"
        "print(json.dumps({q: len(v) for q, v in seen.items()}))"
    )
    assert _in_bundle(student, loop, None) == {"ex01_1": 1, "ex01_2": 1}
    attempts = json.loads(
        (student / "exercises/answers/exercise-01.json").read_text(encoding="utf-8")
    )
    assert attempts["_attempts"] == {
        "ex01_1": 3 + 3 + 1,
        "ex01_2": 4 + 6 + 4 + 1,
    }  # every try is counted


def test_bundle_is_built_from_the_last_commit(course, tmp_path):
    (course / "exercises" / "answers").mkdir()
    (course / "exercises" / "answers" / "exercise-01.json").write_text(
        '{"ex01_1": "b"}'
    )  # ignored by git
    (course / "notes-for-me.txt").write_text("test answers")  # not a bundled path
    build_student_bundle(tmp_path / "dist", root=course)
    student = tmp_path / "dist" / "student"
    assert (
        not (student / "exercises" / "answers").exists()
        and not (student / "notes-for-me.txt").exists()
    )


@pytest.mark.parametrize("change", ["modified", "untracked", "deleted"])
def test_bundle_refuses_uncommitted_changes(course, tmp_path, change):
    if change == "modified":
        (course / "exercises" / "01-fixture.ipynb").write_text("{}")
    elif change == "untracked":
        (course / "lessons" / "stray").mkdir()
        (course / "lessons" / "stray" / "my-answers.py").write_text("answer = 'b'")
    else:
        (course / "LICENSE").unlink()
    with pytest.raises(BundleError, match="uncommitted changes in the bundled paths"):
        build_student_bundle(tmp_path / "dist", root=course)
    assert not (tmp_path / "dist").exists()


def test_bundle_refuses_outside_a_git_checkout(course, tmp_path):
    shutil.rmtree(course / ".git")
    with pytest.raises(BundleError, match="is not a git checkout with a commit"):
        build_student_bundle(tmp_path / "dist", root=course)
    with pytest.raises(BundleError, match="unknown bundle mode"):
        build_student_bundle(tmp_path / "dist", root=course, mode="exam")


def test_bundle_is_deterministic(course, tmp_path):
    first = build_student_bundle(tmp_path / "a", root=course, mode="assessed").read_bytes()
    second = build_student_bundle(tmp_path / "b", root=course, mode="assessed").read_bytes()
    assert first == second


@pytest.mark.parametrize("mode", ["practice", "assessed"])
def test_real_bundle_has_no_key(tmp_path, mode):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    build_student_bundle(tmp_path / "dist", root=clone, mode=mode)
    student = tmp_path / "dist" / "student"
    _assert_no_leak(student, clone)
    assert (student / "data" / "annotations.json").exists() == (mode == "practice")
