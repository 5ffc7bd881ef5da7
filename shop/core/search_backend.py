"""Whoosh through haystack, analysing text in Italian.

Haystack's Whoosh backend stems English by default; Italian stems ("mele" → "mel",
"biologiche" → "biolog") let a shopper find "Mele biologiche" by typing "mela biologica".

The Snowball stemmer alone splits some plurals from their singular ("domiciliare" →
"domicil" but "domiciliari" → "domiciliar"; "anziano" → "anzi" but "anziani" → "anzian").
Each word is therefore indexed and queried under two stems at the same position: the
Snowball stem of the word and that of the word without its final vowel; the query
matches either (``multitoken_query="or"``).
"""

import hashlib
import os

from django.core.cache import cache
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.fields import TEXT
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.italian import ItalianStemmer

VOWELS = "aeiouàèéìòù"


class ItalianStemVariantsFilter(Filter):
    """Yield the Snowball stem of each word, and the stem of the word without its final vowel."""

    def __init__(self):
        self.stem = ItalianStemmer().stem

    def __call__(self, tokens):
        for token in tokens:
            if token.stopped:
                yield token
                continue
            word = token.text
            first = self.stem(word)
            second = self.stem(word[:-1]) if len(word) > 4 and word[-1] in VOWELS else first
            token.text = first
            yield token
            if second != first:
                variant = token.copy()
                variant.text = second
                yield variant


def italian_analyzer():
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language("it"), minsize=2)
        | ItalianStemVariantsFilter()
    )


class ItalianWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        for field_class in fields.values():
            if field_class.field_type in ("string", None) and field_class.analyzer is None:
                field_class.analyzer = italian_analyzer()
        content_field_name, schema = super().build_schema(fields)
        for name in schema.names():
            if isinstance(schema[name], TEXT):
                # A word analysed into two stems matches a document holding either.
                schema[name].multitoken_query = "or"
        return content_field_name, schema

    def create_spelling_suggestion(self, query_string):
        # Whoosh's corrector walks the term dictionary (about 0.1-0.2 s a word) and haystack
        # asks again for every query of a results page (count, page, facets): the answer is
        # remembered until the index changes (a new generation or a rewritten TOC file).
        version = self._index_version()
        if not query_string or version is None:
            return super().create_spelling_suggestion(query_string)
        digest = hashlib.sha1(f"{self.path}|{version}|{query_string}".encode()).hexdigest()
        key = f"search:suggestion:{digest}"
        found = cache.get(key)
        if found is None:
            found = [super().create_spelling_suggestion(query_string)]
            cache.set(key, found, 60 * 60)
        return found[0]

    def _index_version(self) -> str | None:
        try:
            generation = self.index.latest_generation()
            toc = os.stat(os.path.join(self.path, f"_{self.index.indexname}_{generation}.toc"))
        except (AttributeError, OSError):
            return None
        return f"{generation}:{toc.st_mtime_ns}"


class ItalianWhooshEngine(WhooshEngine):
    backend = ItalianWhooshSearchBackend
