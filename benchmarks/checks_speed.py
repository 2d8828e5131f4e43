"""Benchmark: ``check()`` on a 100,000-character free-text answer (target: under 50 ms).

``benchmark_checks_speed()`` returns the figures for ``benchmarks/run.py``.
"""

from __future__ import annotations

import time

from medialit.assessment import load_bank, meaning

__all__ = ["benchmark_checks_speed"]

#: the free-text questions timed (both kinds: an explanation and a rewrite task)
QUESTIONS = ("l00_3", "ex04_4", "ex07_1")
SENTENCE = "Putin said in an interview that China's peace proposals could end the war in Ukraine. "


def _answer(chars: int) -> str:
    """A long answer: the sentence, each copy with its own made-up word (few repeats)."""
    parts, n = [], 0
    while sum(map(len, parts)) < chars:
        parts.append(SENTENCE.replace("could", f"could{n:x}word"))
        n += 1
    return "".join(parts)[:chars]


def _time(bank, question_id: str, answer: str, repeat: int) -> float:
    """The best of ``repeat`` timings of one check, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        bank.check(question_id, answer)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def benchmark_checks_speed(chars: int = 100_000, repeat: int = 5) -> dict:
    """Time ``check()`` on a ``chars``-character answer for each of ``QUESTIONS``.

    Args:
        chars: the answer's length.
        repeat: timings per question (the best is kept; the first call warms the caches).

    Returns:
        ``{"chars", "limit_ms", "max_chars", "ms": {question id: ms}, "ok"}``.
    """
    bank = load_bank()
    answer = _answer(chars)
    times = {}
    for question_id in QUESTIONS:
        if question_id in bank.questions:
            bank.check(question_id, answer)
            times[question_id] = round(_time(bank, question_id, answer, repeat), 2)
    return {
        "chars": chars,
        "limit_ms": 50,
        "max_chars": meaning.MAX_CHARS,
        "ms": times,
        "ok": bool(times) and max(times.values()) < 50,
    }


if __name__ == "__main__":
    print(benchmark_checks_speed())
