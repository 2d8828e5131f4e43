"""AnswerStore: file names, atomic writes, restore, corrupt files, empty states."""

import json
import os

import pytest

from medialit.store import AnswerStore, answers_file_name, answers_folder, is_empty


@pytest.mark.parametrize(
    "qid, name",
    [
        ("ex03_1", "exercise-03.json"),
        ("ex3_2", "exercise-03.json"),
        ("l02_4", "lesson-02.json"),
        ("l10_1", "lesson-10.json"),
        ("practice", "answers.json"),
    ],
)
def test_file_name_comes_from_question_id(qid, name):
    assert answers_file_name(qid) == name


def test_folder_from_environment_or_working_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path / "x"))
    assert answers_folder() == tmp_path / "x"
    monkeypatch.delenv("MEDIALIT_ANSWERS")
    monkeypatch.chdir(tmp_path)
    assert answers_folder() == tmp_path / "answers"


def test_save_and_load_across_new_objects(tmp_path):
    AnswerStore("ex03_1", tmp_path).save({"P1.1": "direct"})
    AnswerStore("ex03_2", tmp_path).save("b")
    data = json.loads((tmp_path / "exercise-03.json").read_text(encoding="utf-8"))
    assert data == {"ex03_1": {"P1.1": "direct"}, "ex03_2": "b"}
    assert AnswerStore("ex03_1", tmp_path).load() == {"P1.1": "direct"}
    assert AnswerStore("ex03_9", tmp_path).load("none") == "none"


def test_sets_are_saved_sorted(tmp_path):
    store = AnswerStore("ex01_1", tmp_path)
    store.save({"c", "a"})
    assert store.load() == ["a", "c"]


@pytest.mark.parametrize("empty", [..., None, "", "   ", [], {}, set()])
def test_empty_answer_never_overwrites(tmp_path, empty):
    store = AnswerStore("ex02_1", tmp_path)
    store.save(["a"])
    assert is_empty(empty)
    assert store.save(empty) is False
    assert AnswerStore("ex02_1", tmp_path).load() == ["a"]


def test_missing_file_is_a_fresh_start(tmp_path):
    store = AnswerStore("l01_1", tmp_path / "nowhere")
    assert store.load() is None and store.notice == ""


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '"text"', "\x00\x01"])
def test_corrupt_file_is_kept_aside_with_a_kind_notice(tmp_path, content):
    path = tmp_path / "exercise-04.json"
    path.write_text(content, encoding="utf-8")
    store = AnswerStore("ex04_1", tmp_path)
    assert store.load() is None
    assert "could not be read" in store.notice and "exercise-04.corrupt.json" in store.notice
    assert str(tmp_path) not in store.notice
    assert (tmp_path / "exercise-04.corrupt.json").read_text(encoding="utf-8") == content
    assert store.save("a") and AnswerStore("ex04_1", tmp_path).load() == "a"


def test_second_corrupt_file_does_not_replace_the_first(tmp_path):
    (tmp_path / "exercise-05.corrupt.json").write_text("old", encoding="utf-8")
    (tmp_path / "exercise-05.json").write_text("new{", encoding="utf-8")
    AnswerStore("ex05_1", tmp_path).load()
    assert (tmp_path / "exercise-05.corrupt.json").read_text(encoding="utf-8") == "old"
    assert (tmp_path / "exercise-05.corrupt-2.json").read_text(encoding="utf-8") == "new{"


def test_write_is_atomic_through_os_replace(tmp_path, monkeypatch):
    store = AnswerStore("ex06_1", tmp_path)
    store.save("a")
    calls = []

    def failing_replace(src, dst):
        calls.append((src, dst))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    assert store.save("b") is False
    assert "could not be saved" in store.notice
    monkeypatch.undo()
    assert calls and os.path.dirname(calls[0][0]) == str(tmp_path)
    assert AnswerStore("ex06_1", tmp_path).load() == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exercise-06.json"]


def test_give_up_is_recorded_in_the_answers_file_and_opens_the_explanation_after_a_restart(
    tmp_path, monkeypatch
):
    import medialit.assessment as assessment

    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    monkeypatch.setattr(assessment, "_ATTEMPTED", set())
    assert assessment.explain("ex01_5") == assessment.NOT_ATTEMPTED
    assessment.give_up("ex01_5")
    saved = json.loads((tmp_path / "exercise-01.json").read_text(encoding="utf-8"))
    assert saved["_gave_up"] == ["ex01_5"]
    monkeypatch.setattr(assessment, "_ATTEMPTED", set())  # a kernel restart forgets the session
    assert assessment.explain("ex01_5") != assessment.NOT_ATTEMPTED
    assert assessment.explain("ex01_1") == assessment.NOT_ATTEMPTED  # only that question


def test_a_checked_answer_keeps_the_explanation_open_after_a_restart(tmp_path, monkeypatch):
    import medialit.assessment as assessment

    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    monkeypatch.setattr(assessment, "_ATTEMPTED", set())
    assessment.check("ex01_5", "a")
    monkeypatch.setattr(assessment, "_ATTEMPTED", set())
    assert assessment.explain("ex01_5") != assessment.NOT_ATTEMPTED


def test_a_hostile_gave_up_entry_is_ignored_and_repaired(tmp_path):
    path = tmp_path / "exercise-01.json"
    path.write_text(json.dumps({"_gave_up": {"ex01_5": 1}, "ex01_1": ["a"]}), encoding="utf-8")
    store = AnswerStore("ex01_5", tmp_path)
    assert not store.tried()
    assert store.record_give_up() and store.tried()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["_gave_up"] == ["ex01_5"] and data["ex01_1"] == ["a"]
