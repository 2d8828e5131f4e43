"""The authoring layer: exercises from solutions, executed lessons, the student bundle."""

from medialit.authoring.bundle import build_student_bundle
from medialit.authoring.exercises import make_exercises
from medialit.authoring.lessons import execute_lessons

__all__ = ["build_student_bundle", "execute_lessons", "make_exercises"]
