"""The benchmark command reports every figure; these tests check what it reports, never a time."""

import importlib.util
import os
import stat
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name):
    """Import a script of benchmarks/ as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def run():
    return _load("run")


def _fake_python(tmp_path, stdout="[]", code=0):
    """A stand-in for the textacy interpreter that prints ``stdout`` and exits with ``code``."""
    script = tmp_path / "fake-python"
    script.write_text(
        f"#!/bin/sh\ncat > /dev/null\necho '{stdout}'\necho 'ImportError: no textacy' >&2\n"
        f"exit {code}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def _comparison(rows):
    return [r for r in rows if r["target"] == "(comparison)"]


def test_quality_puts_medialit_and_textacy_side_by_side(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTACY_PYTHON", str(_fake_python(tmp_path)))
    rows = run.bench_quality()
    scored = [r for r in rows if r["target"] != "(comparison)"]
    assert scored and all(isinstance(r["met"], bool) for r in scored)
    assert any("course article (medialit)" in r["figure"] for r in scored)
    pairs = _comparison(rows)
    assert len(pairs) == 2 * (len(scored) - 1)  # every text but the pooled "all test texts" row
    for ours, theirs in zip(pairs[0::2], pairs[1::2]):
        assert ours["figure"].endswith("(direct only) (medialit)")
        assert theirs["figure"] == ours["figure"].replace("(medialit)", "(textacy)")
        assert theirs["value"].startswith("P 0.00 R 0.00 F1 0.00")  # the stand-in finds nothing
        assert ours["met"] is None and theirs["met"] is None


def test_quality_says_why_textacy_is_missing(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTACY_PYTHON", str(tmp_path / "nowhere" / "python"))
    textacy = [r for r in run.bench_quality() if "(textacy)" in r["figure"]]
    assert textacy and all(r["value"].startswith("not installed") for r in textacy)


def test_quality_says_why_textacy_failed(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTACY_PYTHON", str(_fake_python(tmp_path, code=1)))
    textacy = [r for r in run.bench_quality() if "(textacy)" in r["figure"]]
    assert textacy and all(r["value"] == "could not run: ImportError: no textacy" for r in textacy)


def test_main_prints_one_table_with_a_verdict_per_row(run, capsys):
    assert run.main(["--only", "checks"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("medialit benchmark, ") and f"{os.cpu_count()} cores" in out[0]
    assert [cell.strip() for cell in out[1].split("|")[1:-1]] == [
        "figure",
        "value",
        "target",
        "met",
    ]
    body = out[3:]
    assert len(body) == 1 and "check() over" in body[0]
    assert body[0].rstrip().endswith(("| yes |", "| NO  |"))


def test_a_group_that_breaks_is_reported_not_raised(run, capsys, monkeypatch):
    def broken():
        raise OSError("disk full")

    monkeypatch.setitem(run.GROUPS, "import", broken)
    assert run.main(["--only", "import"]) == 0
    out = capsys.readouterr().out
    assert "could not run: OSError: disk full" in out and "| NO  |" in out


@pytest.mark.slow
def test_grading_benchmark_grades_every_submission(tmp_path):
    benchmark_grading = _load("grading").benchmark_grading

    result = benchmark_grading(2)
    assert sorted(result["totals"]) == ["student-00", "student-01"]
    blank, answered = result["totals"]["student-00"], result["totals"]["student-01"]
    assert (
        blank == 0 and answered > 0
    )  # the blank exercise earns nothing, its solution earns points
    assert result["grade_seconds"] > 0 and result["nbconvert_seconds"] > 0


def test_benchmark_answers_are_the_banks_right_answers():
    import medialit

    pairs = _load("answers").benchmark_answers()
    assert [qid for qid, _ in pairs] == [q["id"] for q in medialit.questions()]
    assert all(medialit.check(qid, answer).correct for qid, answer in pairs)
