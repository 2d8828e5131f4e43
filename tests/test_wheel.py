"""The package works installed from a wheel: data ships inside it, the bank is never empty."""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

PROBE = """
import json, medialit
from medialit.paths import data_dir
article = medialit.load_article()
feedback = medialit.check("ex01_1", "b")
print(json.dumps({"file": medialit.__file__, "data": str(data_dir()),
                  "paragraphs": len(article.paragraphs),
                  "answered": feedback.answered, "questions": len(medialit.questions()),
                  "version": medialit.__version__}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel offline, install it into a fresh virtual environment, return its python."""
    import shutil

    tmp = tmp_path_factory.mktemp("wheel")
    skip = shutil.ignore_patterns(
        ".venv",
        ".git",
        "build",
        "dist",
        "*.egg-info",
        "__pycache__",
        "test-artifacts",
        "grades",
        "answers",
    )
    source = Path(shutil.copytree(ROOT, tmp / "src", ignore=skip))  # a clean copy: no stale build/
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(tmp / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    wheel = next((tmp / "dist").glob("medialit-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], check=True)
    python = tmp / "venv" / "bin" / "python"
    target = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--disable-pip-version-check",
            "--target",
            target,
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return python, wheel


def _run(python: Path, code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in the fresh environment.

    Dependencies come from this environment's site-packages.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIALIT_")}
    env["PYTHONPATH"] = sysconfig.get_paths()[
        "purelib"
    ]  # not processed as a site dir: no editable finder
    return subprocess.run([python, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_holds_the_course_data(installed):
    import zipfile

    names = zipfile.ZipFile(installed[1]).namelist()
    for name in (
        "medialit/data/article.json",
        "medialit/data/course.toml",
        "medialit/data/questions/01-whose-article.toml",
        "medialit/data/lexicons/reporting_verbs.csv",
        "medialit/data/schemas/article.schema.json",
        "medialit/nltk_data/corpora/stopwords/english",
    ):
        assert name in names, f"the wheel lacks {name}"
    data = ROOT / "data"
    shipped = {n.removeprefix("medialit/data/") for n in names if n.startswith("medialit/data/")}
    on_disk = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert on_disk <= shipped, f"data files missing from the wheel: {sorted(on_disk - shipped)}"


def test_installed_wheel_loads_the_article_and_checks_an_answer(installed, tmp_path):
    import json

    result = _run(installed[0], PROBE, tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert str(tmp_path.parent) not in found["file"] or "venv" in found["file"]
    assert "site-packages" in found["file"] and found["data"].endswith("medialit/data")
    assert found["paragraphs"] == 9 and found["answered"] and found["questions"] > 0


def test_installed_wheel_explains_what_needs_a_checkout(installed, tmp_path):
    code = "from medialit.authoring import make_exercises\nmake_exercises()"
    result = _run(installed[0], code, tmp_path)
    assert result.returncode != 0 and "needs a checkout of the course repository" in result.stderr
