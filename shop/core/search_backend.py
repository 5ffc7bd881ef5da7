"""Whoosh through haystack, analysing text in Italian.

Haystack's Whoosh backend stems English by default; Italian stems ("mele" → "mel",
"biologiche" → "biolog") let a shopper find "Mele biologiche" by typing "mela biologica".
"""

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from whoosh.analysis import LanguageAnalyzer


def italian_analyzer():
    return LanguageAnalyzer("it")


class ItalianWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        for field_class in fields.values():
            if field_class.field_type in ("string", None) and field_class.analyzer is None:
                field_class.analyzer = italian_analyzer()
        return super().build_schema(fields)


class ItalianWhooshEngine(WhooshEngine):
    backend = ItalianWhooshSearchBackend
