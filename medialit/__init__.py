"""medialit: sourcing, attribution and framing in one news article.

Importing the package is cheap: every public name is loaded from its module on
first use (PEP 562), so NLTK, jsonschema, matplotlib and ipywidgets are only
imported by the notebook cells that need them.
"""

from medialit._lazy import lazy_exports

__version__ = "0.1.0"

#: public name -> module that defines it
_PUBLIC = {
    "Article": "article",
    "Sentence": "article",
    "load_article": "article",
    "attributions": "analysis",
    "Attribution": "analysis",
    "Analysis": "analysis",
    "analyse": "analysis",
    "unattributed": "analysis",
    "sources": "analysis",
    "framing_devices": "analysis",
    "FramingDevice": "analysis",
    "concordance": "text",
    "word_frequencies": "text",
    "frequencies_by_source": "text",
    "split_sentences": "text",
    "check": "assessment.cells",
    "questions": "assessment",
    "Feedback": "assessment",
    "load_data": "data",
    "validate_data": "validation",
    "fact_cards": "data",
    "lexicon": "data",
    "manifest": "data",
    "ArticleExplorer": "widgets",
    "SentenceLabeler": "widgets",
    "SpanPicker": "widgets",
    "RewriteLab": "widgets",
    "ChoiceQuiz": "widgets",
    "AnswerStore": "widgets",
    "voice_share": "plots",
    "attribution_strip": "plots",
    "cue_verbs": "plots",
    "framing_by_technique": "plots",
    "Chart": "plots",
    "question": "assessment",
    "explain": "assessment",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_exports("medialit", _PUBLIC, globals())
