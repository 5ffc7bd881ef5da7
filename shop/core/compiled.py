"""Hot read queries compiled to SQL once per process, then run with each request's values.

Django compiles a queryset to SQL every time it is evaluated. For the basket's lines (six
tables joined and an EXISTS, read on every request that shows or prices a basket) that
costs about 1.3 ms of CPU, against 0.2 ms to build the queryset and 0.3 ms to run it. A
``CompiledOnce`` learns once per database the SQL and the compiler's column map; a
queryset built the same way for any values (any basket's id; a user and a day) runs that
SQL with its own values put in their places among the parameters.

Only a queryset exactly as it was bound is served from the kept SQL. Any further step on it
(a filter, ``count()``, ``exists()``, a slice, a subquery) makes a new query that Django
compiles as usual. The SQL is learnt by compiling the query twice, built for two sets of
probe values that no constant equals; it is kept only if both compilations give the same
SQL and their parameters differ exactly where a probe sits, each such place holding that
probe as the database takes it. Otherwise nothing is kept and the query is compiled as
usual every time. Every other parameter is kept as the learning compilation had it, so it
must be a constant of the code: anything the query reads from the clock, the language or
the settings must be one of the values. Values are integers (within 64 bits), dates and
text (exact ``str``). A text probe carries the characters a LIKE pattern escapes and differs
between the rounds in case and length, so that a value escaped, folded or split into
characters is not taken for the probe; a probe the field refuses (text for a number) keeps
nothing.

Building the queryset costs too (filters resolved into lookups, prefetches, annotations:
0.1-0.5 ms a read). ``queryset(*values)`` builds it once per process, for the first round's
probes, and copies that template with each read's values put in the lookups that held the
probes: a copy is the query ``build(*values)`` makes, so a further step on it compiles
right. The template is kept only if every probe sits in a lookup's value (of the filters,
of an annotation, or of a subquery among them), putting the second round's probes in a copy
compiles to exactly the SQL and parameters built for them, and the two rounds' querysets
agree in everything else they hold (no related instance, no hint, the same prefetches);
otherwise each read is built. The converters Django finds for the kept SQL's columns are
kept too, for each connection.
"""

import copy
import datetime
import operator
import weakref
from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet, FullResultSet, ValidationError
from django.db import connections
from django.db.models import Prefetch
from django.db.models.lookups import Lookup
from django.db.models.query import QuerySet
from django.db.models.sql.query import Query
from django.db.models.sql.where import WhereNode


class _Kept(NamedTuple):
    sql: str
    params: tuple
    slots: tuple  # (place in ``params``, which value, how the database takes it)
    select: list
    klass_info: dict | None
    annotation_col_map: dict | None
    col_count: int
    has_extra_select: bool
    # The columns read, and for each connection the converters Django finds for them (the
    # backend's and the fields' own: the same for every read of this SQL).
    columns: tuple
    converters: weakref.WeakKeyDictionary


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _probe(kind: type, index: int, round_: int):
    """The ``index``-th value's probe for learning round ``round_`` (0 or 1): no constant of a
    query is one; integers fit a small-integer column (a year): Django leaves out a condition
    on a value out of its column's range, which would be left out of the kept SQL for every
    value. The two rounds are far apart, of another parity, year, month, day and weekday, so
    that a parameter derived from a value (``on.year``, ``pk + 1``) differs between them
    without being the probe, and the query is not kept."""
    if kind is int:
        return (32_749, 20_002)[round_] - 16 * index
    if kind is str:
        return (f"%_\\probe-{index}-a", f"%_\\PROBE-{index}-Bb")[round_]
    return (datetime.date(1901 + index, 2, 3), datetime.date(1950 + index, 11, 28))[round_]


def _kind(value) -> type | None:
    if type(value) is int and _INT64_MIN <= value <= _INT64_MAX:
        return int
    if type(value) is datetime.date:
        return datetime.date
    if type(value) is str:
        return str
    return None  # a datetime, a lazy or safe string, an integer beyond 64 bits: left to Django


def _as_taken(kind: type, connection) -> Callable:
    if kind in (int, str):
        return lambda value: value
    return connection.ops.adapt_datefield_value


class CompiledOnce:
    """The SQL of one read query, compiled once per database and process (see module doc).

    ``build(*values)`` makes the queryset for ``values``, the same way for any values."""

    def __init__(self, name: str, build: Callable[..., QuerySet]):
        self.name, self.build = name, build
        self._kept: dict[tuple, _Kept | None] = {}
        self._templates: dict[tuple, _Template | None] = {}

    def queryset(self, *values) -> QuerySet:
        """``build(*values)``, served from the kept SQL when it is evaluated as it is (and
        copied from the kept template rather than built, when there is one)."""
        kinds = tuple(_kind(value) for value in values)
        template = None
        if None not in kinds:
            if kinds not in self._templates:
                self._templates[kinds] = self._learn_template(kinds)
            template = self._templates[kinds]
        queryset = template.made_for(values) if template else self.build(*values)
        return self._bind(queryset, values, kinds)

    def rows_of(self, parent, field, *values) -> QuerySet:
        """``queryset(*values)``, rows of ``parent`` through ``field`` (their foreign key to it):
        each row knows ``parent`` as ``parent.<related>.all()`` tells it, with no query."""
        rows = self.queryset(*values)
        rows._known_related_objects = {field: {parent.pk: parent}}
        return rows

    def first(self, *values):
        """The first row of ``queryset(*values)`` in its own order, or None when it has none."""
        return next(iter(self.queryset(*values)), None)

    def _bind(self, queryset: QuerySet, values: tuple, kinds: tuple) -> QuerySet:
        """``queryset`` (``build(*values)`` or a copy of the template) served from the kept SQL
        when it is evaluated as it is; unchanged when a value is of no kind kept."""
        query = queryset.query
        if type(query) is Query and None not in kinds:
            query.__class__ = _CompiledOnceQuery
            query.compiled_once = (self, values, kinds)
        return queryset

    def forget(self) -> None:
        self._kept.clear()
        self._templates.clear()

    def _learn_template(self, kinds: tuple) -> "_Template | None":
        """The queryset built for the first round's probes, with the places of the probes;
        None if a copy with other values put in those places is not what ``build`` makes."""
        probes, other_probes = (
            [_probe(kind, index, round_) for index, kind in enumerate(kinds)] for round_ in (0, 1)
        )
        try:
            built, other = self.build(*probes), self.build(*other_probes)
            connection = connections[built.db]
            places = tuple(_probe_places(built.query, probes))
            if (
                {index for _, index in places} != set(range(len(kinds)))
                or tuple(_probe_places(other.query, other_probes)) != places
                or not _same_besides_query(built, other, connection)
            ):
                return None
            template = _Template(built, places)
            made = _sql_of(template.made_for(other_probes).query, connection)
            expected = _sql_of(other.query, connection)
        except (EmptyResultSet, FullResultSet, ValidationError, ValueError, TypeError):
            return None  # no rows for any value, or a probe the field refuses
        return template if made == expected else None

    def compiler_for(self, compiler, values: tuple, kinds: tuple):
        connection = compiler.connection
        key = (connection.alias, connection.vendor, kinds)
        if key not in self._kept:
            self._kept[key] = self._learn(connection, kinds)
        kept = self._kept[key]
        if kept is None:
            return compiler  # cannot be reused: compiled as usual
        compile_sql = compiler.as_sql
        params = list(kept.params)
        for place, index, taken in kept.slots:
            params[place] = taken(values[index])
        params = tuple(params)

        def as_sql(with_limits=True, with_col_aliases=False):
            if not (with_limits and not with_col_aliases):
                return compile_sql(with_limits, with_col_aliases)
            compiler.select = kept.select
            compiler.klass_info = kept.klass_info
            compiler.annotation_col_map = kept.annotation_col_map
            compiler.col_count = kept.col_count
            compiler.has_extra_select = kept.has_extra_select
            return kept.sql, params

        find_converters = compiler.get_converters

        def get_converters(expressions):
            columns = kept.columns
            if len(expressions) != len(columns) or any(map(operator.is_not, expressions, columns)):
                return find_converters(expressions)
            if connection not in kept.converters:
                kept.converters[connection] = find_converters(expressions)
            return kept.converters[connection]

        compiler.as_sql = as_sql
        compiler.get_converters = get_converters
        return compiler

    def _learn(self, connection, kinds: tuple) -> _Kept | None:
        """The SQL of ``build`` with each probe's places; None if it cannot be kept."""
        rounds = []
        for round_ in (0, 1):
            probes = [_probe(kind, index, round_) for index, kind in enumerate(kinds)]
            try:
                compiler = self.build(*probes).query.get_compiler(connection=connection)
                sql, params = compiler.as_sql()
            except (EmptyResultSet, ValidationError, ValueError, TypeError):
                return None  # no rows for any value, or a probe the field refuses
            rounds.append((probes, compiler, sql, tuple(params)))
        (probes, compiler, sql, params), (other_probes, _, other_sql, other_params) = rounds
        if sql != other_sql or len(params) != len(other_params):
            return None  # the SQL itself depends on the values
        takers = [_as_taken(kind, connection) for kind in kinds]
        slots, found = [], set()
        for place, (first, second) in enumerate(zip(params, other_params, strict=True)):
            if type(first) is type(second) and first == second:
                continue
            for index, taken in enumerate(takers):
                if first == taken(probes[index]) and second == taken(other_probes[index]):
                    slots.append((place, index, taken))
                    found.add(index)
                    break
            else:
                return None  # a parameter follows the values in some other way
        if found != set(range(len(kinds))):
            return None  # a value the SQL does not carry as a parameter
        return _Kept(
            sql=sql,
            params=params,
            slots=tuple(slots),
            select=compiler.select,
            klass_info=compiler.klass_info,
            annotation_col_map=compiler.annotation_col_map,
            col_count=compiler.col_count,
            has_extra_select=compiler.has_extra_select,
            columns=tuple(column for column, _, _ in compiler.select[: compiler.col_count]),
            converters=weakref.WeakKeyDictionary(),
        )


class _Template(NamedTuple):
    """A queryset built for probes, and where they sit: (the path to the lookup, which value)."""

    queryset: QuerySet
    places: tuple

    def made_for(self, values: tuple) -> QuerySet:
        """A copy of the template with ``values`` in the probes' places."""
        made = self.queryset._clone()
        for path, index in self.places:
            _put_value(made.query, path, values[index])
        return made


def _probe_places(query: Query, probes: list) -> list:
    """Where the lookups whose value is a probe sit in ``query``: paths through its filters
    (None) and annotations (by name), their source expressions (by place) and any subquery
    among them (its filters and annotations again)."""
    places: list = []

    def visit(node, path):
        if isinstance(node, Query):
            visit(node.where, (*path, None))
            for name, annotation in node.annotations.items():
                visit(annotation, (*path, name))
            return
        if isinstance(node, Lookup):
            for index, probe in enumerate(probes):
                if type(node.rhs) is type(probe) and node.rhs == probe:
                    places.append((path, index))
        for place, child in enumerate(node.get_source_expressions()):
            if hasattr(child, "get_source_expressions"):
                visit(child, (*path, place))

    visit(query, ())
    return places


def _put_value(query: Query, path: tuple, value) -> None:
    """Put ``value`` in the lookup at ``path`` of ``query`` (a copy of its own): the nodes on
    the way are copied, the rest shared, as Django's own copies of a query share them."""
    step, rest = path[0], path[1:]
    if step is None:
        query.where = _with_value(query.where, rest, value)
    else:
        query.annotations[step] = _with_value(query.annotations[step], rest, value)


def _with_value(node, path: tuple, value):
    if not path:
        made = node.copy()
        made.rhs = value
        return made
    if isinstance(node, Query):
        made = node.clone()
        _put_value(made, path, value)
        return made
    children = node.get_source_expressions()
    children[path[0]] = _with_value(children[path[0]], path[1:], value)
    made = copy.copy(node) if isinstance(node, WhereNode) else node.copy()
    made.set_source_expressions(children)
    return made


def _sql_of(query: Query, connection) -> tuple:
    sql, params = query.get_compiler(connection=connection).as_sql()
    return sql, tuple((type(param), param) for param in params)


def _prefetch_names(lookup: Prefetch) -> tuple:
    return lookup.prefetch_through, lookup.prefetch_to, lookup.to_attr


_SKIPPED = frozenset({"_query", "_result_cache", "_prefetch_done", "_prefetch_related_lookups"})


def _same_besides_query(one: QuerySet, other: QuerySet, connection) -> bool:
    """Whether two querysets built for different values hold the same things besides their
    queries' values: no related instance known, no hint, the same prefetches."""
    if type(one) is not type(other) or one._known_related_objects or other._known_related_objects:
        return False
    state, other_state = vars(one), vars(other)
    if any(state.get(key) != other_state.get(key) for key in (state.keys() | other_state.keys()) - _SKIPPED):
        return False
    lookups, other_lookups = one._prefetch_related_lookups, other._prefetch_related_lookups
    if len(lookups) != len(other_lookups):
        return False
    for lookup, other_lookup in zip(lookups, other_lookups, strict=True):
        if type(lookup) is not type(other_lookup):
            return False
        if isinstance(lookup, str):
            if lookup != other_lookup:
                return False
            continue
        if not isinstance(lookup, Prefetch) or _prefetch_names(lookup) != _prefetch_names(other_lookup):
            return False
        prefetched, other_prefetched = lookup.queryset, other_lookup.queryset
        if (prefetched is None) != (other_prefetched is None):
            return False
        if prefetched is not None and not (
            _same_besides_query(prefetched, other_prefetched, connection)
            and _sql_of(prefetched.query, connection) == _sql_of(other_prefetched.query, connection)
        ):
            return False
    return True


class _CompiledOnceQuery(Query):
    """A query bound to a ``CompiledOnce``; any copy of it (a further step) is a plain query."""

    compiled_once = None

    def clone(self):
        obj = super().clone()
        obj.__class__ = Query
        obj.__dict__.pop("compiled_once", None)
        return obj

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        if self.compiled_once is None:
            return compiler
        compiled_once, values, kinds = self.compiled_once
        return compiled_once.compiler_for(compiler, values, kinds)
