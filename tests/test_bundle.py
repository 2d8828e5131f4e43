"""The student bundle holds no key: no solution line, no correct option tied to its id."""
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

from medialit.authoring.bundle import build_student_bundle
from medialit.paths import checkout_root

ROOT = checkout_root()
from medialit.assessment import load_bank
from medialit.authoring.exercises import BEGIN, END, make_exercises

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".csv", ".json", ".ipynb", ".cfg", ".html"}


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
                public = {k: v for k, v in obj.items() if k not in ("options", "items", "labels", "concepts")}
                found = secret & set(_strings(public))
                leaks += [f"{path.name}: {qid} holds {s!r}" for s in sorted(found)]
    return leaks


def _scores_in(data: Path, pairs, package_root: Path) -> list[float]:
    """Scores from check() in a fresh interpreter using the bundle's package and data."""
    code = ("import json, sys; from medialit import check; "
            "print(json.dumps([check(q, a).score for q, a in json.loads(sys.stdin.read())]))")
    env = {**os.environ, "MEDIALIT_DATA": str(data), "PYTHONPATH": str(package_root)}
    env.pop("MEDIALIT_STRICT", None)
    result = subprocess.run([sys.executable, "-c", code], input=json.dumps(pairs), capture_output=True,
                            text=True, env=env, cwd=package_root, check=True)
    return json.loads(result.stdout)


@pytest.fixture
def course(tmp_path):
    """A small course folder: the fixture bank and solution, the real package and article."""
    root = tmp_path / "course"
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "article.json", root / "data" / "article.json")
    shutil.copytree(FIXTURES / "questions", root / "data" / "questions")
    shutil.copytree(FIXTURES / "notebooks" / "solutions", root / "solutions")
    make_exercises(solutions=root / "solutions", exercises=root / "exercises")
    shutil.copytree(ROOT / "medialit", root / "medialit", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copy(ROOT / name, root / name)
    return root


def _assert_no_leak(student: Path, root: Path):
    assert not (student / "solutions").exists()
    assert not list((student / "data").glob("questions/*.toml"))
    corpus = _corpus(student)
    leaked = [line for line in _solution_lines(root / "solutions") if line in corpus]
    assert leaked == [], f"solution lines found in the bundle: {leaked[:5]}"
    assert _key_leaks(student, root / "data" / "questions") == []


def test_fixture_bundle_has_no_key_and_scores_the_same(course, tmp_path):
    zipped = build_student_bundle(tmp_path / "dist", root=course)
    student = tmp_path / "dist" / "student"
    assert (student / "data" / "questions.public.json").exists() and (student / "README.md").exists()
    assert (student / "exercises" / "01-fixture.ipynb").exists()
    _assert_no_leak(student, course)
    assert _solution_lines(course / "solutions")  # the check has something to look for
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
    assert "student/data/questions.public.json" in names
    pairs = [("ex01_1", "b"), ("ex01_1", "c"), ("ex01_2", ["a", "b"]), ("ex01_3", ["putin", "china"]),
             ("ex01_4", {"H": "mixed", "S": "direct"}), ("ex01_5", [[2643, 2654]]),
             ("ex01_6", "Kyiv and the West are absent"), ("ex01_7", 42.2), ("l01_1", 9)]
    full = load_bank(course / "data")
    assert _scores_in(student / "data", pairs, student) == [full.check(q, a).score for q, a in pairs]


def test_bundle_is_deterministic(course, tmp_path):
    first = build_student_bundle(tmp_path / "a", root=course).read_bytes()
    second = build_student_bundle(tmp_path / "b", root=course).read_bytes()
    assert first == second


def test_real_bundle_has_no_key(tmp_path):
    build_student_bundle(tmp_path / "dist")
    _assert_no_leak(tmp_path / "dist" / "student", ROOT)
