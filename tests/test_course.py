"""The course as a whole: manifest, question bank and notebooks agree."""

import json
from pathlib import Path

from medialit.assessment import questions
from medialit.data import manifest

ROOT = Path(__file__).resolve().parent.parent


def test_every_objective_has_at_least_one_question():
    named = {q["objective"] if isinstance(q, dict) else q.objective for q in _bank()}
    objectives = [o["id"] for lesson in manifest()["lessons"] for o in lesson["objectives"]]
    missing = [o for o in objectives if o not in named]
    assert not missing, f"objectives with no self-check or exercise question: {missing}"


def _bank():
    import tomllib

    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        yield from tomllib.loads(path.read_text(encoding="utf-8"))["questions"]


def test_every_manifest_lesson_has_a_lesson_notebook_and_exercises_mirror_01_to_07():
    stems = [lesson["stem"] for lesson in manifest()["lessons"]]
    for stem in stems:
        assert (ROOT / "lessons" / f"{stem}.ipynb").exists(), stem
    for stem in stems[1:]:
        assert (ROOT / "solutions" / f"{stem}.ipynb").exists(), stem
        assert (ROOT / "exercises" / f"{stem}.ipynb").exists(), stem


def test_each_exercise_notebook_has_five_questions_two_through_widgets():
    ids = {q["id"] if isinstance(q, dict) else q.id for q in questions()}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        number = path.name[:2]
        asked = sorted(i for i in ids if i.startswith(f"ex{number}_"))
        assert len(asked) >= 5, (path.name, asked)
        source = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
        widgets = sum(
            source.count(f"{w}(")
            for w in ("SentenceLabeler", "SpanPicker", "ChoiceQuiz", "RewriteLab")
        )
        assert widgets >= 2, path.name


def test_notebooks_follow_the_hygiene_rules():
    for folder in ("lessons", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            assert nb["metadata"]["kernelspec"]["name"] == "python3", path
            assert path.stat().st_size < 1_000_000, path
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            first = "".join(code[0]["source"]).splitlines()
            assert all(
                ln.startswith(("import ", "from ", "#")) or not ln.strip() for ln in first
            ), path
            text = path.read_text(encoding="utf-8")
            assert "!pip" not in text and "Error displaying widget" not in text, path
            assert "/root/" not in text and "/tmp/" not in text, path
