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
from dataclasses import dataclass, field

from django.core.cache import cache
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.query import EmptySearchQuerySet
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

    def _process_results(self, raw_page, result_class=None, **kwargs):
        if not getattr(result_class, "ids_only", False):
            return super()._process_results(raw_page, result_class=result_class, **kwargs)
        # Facets, hit count and suggestion as haystack computes them, but each hit is read
        # as its model and id only: no stored field converted, no SearchResult built.
        processed = super()._process_results(_NoHits(raw_page), result_class=result_class, **kwargs)
        processed["results"] = [
            result_class(*hit[DJANGO_CT].split("."), hit[DJANGO_ID], raw_page.score(offset) or 0)
            for offset, hit in enumerate(raw_page)
        ]
        return processed

    def index_version(self) -> str | None:
        if not self.setup_complete:
            self.setup()
        return self._index_version()

    def _index_version(self) -> str | None:
        try:
            generation = self.index.latest_generation()
            toc = os.stat(os.path.join(self.path, f"_{self.index.indexname}_{generation}.toc"))
        except (AttributeError, OSError):
            return None
        return f"{generation}:{toc.st_mtime_ns}"


class ItalianWhooshEngine(WhooshEngine):
    backend = ItalianWhooshSearchBackend


class _NoHits:
    """A Whoosh results page that shows its facets and length but yields no hit."""

    def __init__(self, page):
        self.page, self.results = page, page.results

    def __len__(self):
        return len(self.page)

    def __iter__(self):
        return iter(())


class HitId:
    """A search hit reduced to what the listings read: its model and primary key."""

    ids_only = True

    def __init__(self, app_label, model_name, pk, score=0, **_fields):
        self.app_label, self.model_name, self.pk, self.score = app_label, model_name, pk, score


@dataclass
class Found:
    """Everything a results page reads from the search engine: ids in order, facets, suggestion."""

    ids: list = field(default_factory=list)
    hits: int = 0
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None


FOUND_CACHE_SECONDS = 10 * 60


def search_found(sqs, *, spelling_query=None) -> Found:
    """All hits of ``sqs`` (ids), its facet counts and spelling suggestion from one search.

    Haystack would ask the engine once for the count, once for the page, once for the
    facets and once for the suggestion, each processing every hit. Here the engine is asked
    once; with Whoosh the answer is kept in the cache until the index changes (its
    generation is part of the key), so a popular query costs no search at all.
    """
    if isinstance(sqs, EmptySearchQuerySet):
        return Found()
    query = sqs.query._clone()
    backend = query.backend
    final = query.build_query()
    params = query.build_params(spelling_query=spelling_query)
    version = backend.index_version() if hasattr(backend, "index_version") else None
    key = None
    if version is not None:
        shape = sorted(
            (k, sorted(map(str, v)) if isinstance(v, (set, list, tuple)) else str(v))
            for k, v in params.items()
        )
        digest = hashlib.sha1(
            repr((getattr(backend, "path", ""), version, final, shape)).encode()
        ).hexdigest()
        key = f"search:found:{digest}"
        found = cache.get(key)
        if found is not None:
            return found
    raw = backend.search(final, **{**params, "result_class": HitId})
    found = Found(
        ids=[int(hit.pk) for hit in raw.get("results", [])],
        hits=raw.get("hits", 0),
        facets=query.post_process_facets(raw),
        suggestion=raw.get("spelling_suggestion"),
    )
    if key is not None:
        cache.set(key, found, FOUND_CACHE_SECONDS)
    return found


def search_as_run(sqs, found: Found):
    """``sqs`` marked as run with ``found``'s figures: its count and facets need no new search."""
    if not isinstance(sqs, EmptySearchQuerySet):
        sqs.query._hit_count = found.hits
        sqs.query._facet_counts = found.facets
        sqs.query._spelling_suggestion = found.suggestion
        sqs.query._results = []
    return sqs
