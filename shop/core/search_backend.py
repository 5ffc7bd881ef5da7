"""Whoosh through haystack, analysing text in Italian.

Haystack's Whoosh backend stems English by default; Italian stems ("mele" → "mel",
"biologiche" → "biolog") let a shopper find "Mele biologiche" by typing "mela biologica".

The Snowball stemmer alone splits some plurals from their singular ("domiciliare" →
"domicil" but "domiciliari" → "domiciliar"; "anziano" → "anzi" but "anziani" → "anzian").
Each word is therefore indexed and queried under two stems at the same position: the
Snowball stem of the word and that of the word without its final vowel; the query
matches either (``multitoken_query="or"``).
"""

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


class ItalianWhooshEngine(WhooshEngine):
    backend = ItalianWhooshSearchBackend
