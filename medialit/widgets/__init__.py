"""Interactive widgets (ipywidgets 8): plain models hold state, views draw it.

Public names load on first use, so ``import medialit.widgets`` does not
import ipywidgets. See ``medialit.widgets.views`` and ``medialit.widgets.answers``
for the DOM class names, ``medialit.store`` for where answers are saved and
``medialit.widgets.layers`` for the explorer's layers.
"""

from medialit._lazy import lazy_exports

#: public name -> module (inside medialit.widgets) that defines it
_PUBLIC = {
    "ArticleExplorer": "views",
    "SentenceLabeler": "views",
    "SpanPicker": "views",
    "RewriteLab": "views",
    "ChoiceQuiz": "views",
    "TextAnswer": "answers",
    "NumberAnswer": "answers",
    "ItemPicker": "answers",
    "AnswerStore": "medialit.store",
    "answers_folder": "medialit.store",
    "answers_file_name": "medialit.store",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_exports("medialit.widgets", _PUBLIC, globals())
