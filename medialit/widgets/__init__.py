"""Interactive widgets (ipywidgets 8): plain models hold state, views draw it.

Public names load on first use, so ``import medialit.widgets`` does not
import ipywidgets. See ``medialit.widgets.views`` for the DOM class names,
``medialit.widgets.store`` for where answers are saved, and
``medialit.widgets.bench`` for the click-to-model timings.
"""
from importlib import import_module

#: public name -> module (inside medialit.widgets) that defines it
_PUBLIC = {
    "ArticleExplorer": "views",
    "SentenceLabeler": "views",
    "SpanPicker": "views",
    "RewriteLab": "views",
    "ChoiceQuiz": "views",
    "AnswerStore": "store",
    "answers_folder": "store",
    "answers_file_name": "store",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name):
    """Load a public name from its module the first time it is used."""
    try:
        module = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module 'medialit.widgets' has no attribute {name!r}") from None
    value = getattr(import_module(f"medialit.widgets.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    """List the public API next to the module's own names."""
    return sorted(set(globals()) | set(__all__))
