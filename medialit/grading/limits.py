"""Every limit the grader applies to a submission, in one place.

A submission is hostile until read: each file is opened only when it is a
regular file (never a symbolic link, FIFO, device or socket), read up to its
size limit and parsed as data with bounded depth. The numbers below are the
documented limits (docs/instructor-guide.md, "What the grader refuses").
"""

from __future__ import annotations

__all__ = [
    "MAX_ANSWERS_BYTES",
    "MAX_NOTEBOOK_BYTES",
    "MAX_CELL_CHARS",
    "MAX_CELLS",
    "MAX_JSON_DEPTH",
    "MAX_ANSWERS_DEPTH",
    "MAX_ELEMENTS",
    "MAX_ELEMENT_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_WORD_CHARS",
    "MAX_ENTRIES",
    "MAX_NAME_CHARS",
    "MAX_ATTEMPTS",
    "SHOWN_CHARS",
]

#: an answers file (``answers/exercise-NN.json``) larger than this is not read
MAX_ANSWERS_BYTES = 1_000_000
#: a notebook larger than this is not read (exercise notebooks are about 20 kB)
MAX_NOTEBOOK_BYTES = 16_000_000
#: code cells longer than this are not parsed (an answer cell is a line or two)
MAX_CELL_CHARS = 100_000
#: a notebook with more cells than this is not read
MAX_CELLS = 2_000
#: brackets nested deeper than this make a notebook file unreadable
MAX_JSON_DEPTH = 64
#: brackets nested deeper than this make an answers file unreadable
MAX_ANSWERS_DEPTH = 16
#: an answer (list, set, dict) with more elements than this is not scored
MAX_ELEMENTS = 500
#: a single element (option id, item id, label) longer than this is cut
MAX_ELEMENT_CHARS = 200
#: text answers are cut to this many characters before scoring
MAX_TEXT_CHARS = 5_000
#: inside a text answer, a run of word characters longer than this is cut
MAX_WORD_CHARS = 40
#: a folder with more entries than this is read only up to this many
MAX_ENTRIES = 1_000
#: student ids (cleaned folder names) are cut to this many characters
MAX_NAME_CHARS = 64
#: a check-attempt count above this is reported as this
MAX_ATTEMPTS = 1_000_000
#: characters of an answer shown to the teacher in the gradebook and summary
SHOWN_CHARS = 300
