"""Hot read queries compiled to SQL once per process, then run with each request's value.

Django compiles a queryset to SQL every time it is evaluated. For the basket's lines (six
tables joined and an EXISTS, read on every request that shows or prices a basket) that
costs about 1.3 ms of CPU, against 0.2 ms to build the queryset and 0.3 ms to run it. A
``CompiledOnce`` learns once per database the SQL and the compiler's column map; a
queryset built the same way for any value (any basket's id) runs that SQL with its own
value put in the value's place among the parameters.

Only a queryset exactly as it was bound is served from the kept SQL. Any further step on it
(a filter, ``count()``, ``exists()``, a slice, a subquery) makes a new query that Django
compiles as usual. The SQL is learnt by compiling the query built for a probe value that
no constant equals; the builder must make SQL that depends on the value through one
parameter only, and this is checked: when the probe is not found exactly once among the
parameters, nothing is kept and the query is compiled as usual every time. Every other
parameter is kept as the learning compilation had it, so it must be a constant of the code:
a query that also depends on a date, a language or a setting cannot be compiled once.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db.models.query import QuerySet
from django.db.models.sql.query import Query


class _Kept(NamedTuple):
    sql: str
    params: tuple
    slot: int  # where the value sits in ``params``
    select: list
    klass_info: dict | None
    annotation_col_map: dict | None
    col_count: int
    has_extra_select: bool


# The value a query is first compiled with, to learn where the value goes among the SQL's
# parameters: no constant of a query is this, and it fits a 32-bit integer column (Django
# compiles an out-of-range integer to an empty result).
_PROBE = 2_147_480_647
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class CompiledOnce:
    """The SQL of one read query, compiled once per database and process (see module doc).

    ``build(value)`` makes the queryset for ``value``, the same way for every value."""

    def __init__(self, name: str, build: Callable[[int], QuerySet]):
        self.name, self.build = name, build
        self._kept: dict[tuple[str, str], _Kept | None] = {}

    def queryset(self, value: int) -> QuerySet:
        """``build(value)``, served from the kept SQL when it is evaluated as it is."""
        return self.bind(self.build(value), value=value)

    def bind(self, queryset: QuerySet, *, value: int) -> QuerySet:
        """``queryset``, made just now by the same code as ``build(value)`` (for instance from
        the model instance the caller holds, so that its rows know it), served from the kept
        SQL when it is evaluated as it is; returned unchanged when it cannot be."""
        query = queryset.query
        # A value beyond 64 bits (an id typed into a URL) is left to Django, which compiles
        # it to an empty result: as a parameter, the database driver would refuse it.
        if type(query) is Query and type(value) is int and _INT64_MIN <= value <= _INT64_MAX:
            query.__class__ = _CompiledOnceQuery
            query.compiled_once = (self, value)
        return queryset

    def forget(self) -> None:
        self._kept.clear()

    def compiler_for(self, compiler, value: int):
        key = (compiler.connection.alias, compiler.connection.vendor)
        if key not in self._kept:
            self._kept[key] = self._learn(compiler.connection)
        kept = self._kept[key]
        if kept is None:
            return compiler  # cannot be reused: compiled as usual
        compile_sql = compiler.as_sql
        params = list(kept.params)
        params[kept.slot] = value
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

        compiler.as_sql = as_sql
        return compiler

    def _learn(self, connection) -> _Kept | None:
        """The SQL of ``build(_PROBE)`` with the probe's place; None if it is not one parameter."""
        compiler = self.build(_PROBE).query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        slots = [i for i, param in enumerate(params) if type(param) is int and param == _PROBE]
        if len(slots) != 1:
            return None
        return _Kept(
            sql=sql,
            params=tuple(params),
            slot=slots[0],
            select=compiler.select,
            klass_info=compiler.klass_info,
            annotation_col_map=compiler.annotation_col_map,
            col_count=compiler.col_count,
            has_extra_select=compiler.has_extra_select,
        )


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
        compiled_once, value = self.compiled_once
        return compiled_once.compiler_for(compiler, value)
