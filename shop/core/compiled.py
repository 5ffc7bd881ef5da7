"""Hot read queries compiled to SQL once per process, then run with each request's value.

Django compiles a queryset to SQL every time it is evaluated. For the basket's lines (six
tables joined and an EXISTS, read on every request that shows or prices a basket) that
costs about 1.3 ms of CPU, against 0.2 ms to build the queryset and 0.3 ms to run it. A
``CompiledOnce`` keeps, per database, the SQL and the compiler's column map of the first
evaluation; a later queryset built the same way for another value (another basket's id)
runs that SQL with its own value put in the value's place among the parameters.

Only a queryset exactly as it was bound is served from the kept SQL. Any further step on it
(a filter, ``count()``, ``exists()``, a slice, a subquery) makes a new query that Django
compiles as usual. The builder must make SQL that depends on the value through one
parameter only, and this is checked: a compilation in which the value is not found exactly
once among the parameters keeps nothing. Every other parameter is kept as the first
compilation had it, so it must be a constant of the code: a query that also depends on a
date, a language or a setting cannot be bound.
"""

from typing import NamedTuple

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


class CompiledOnce:
    """The SQL of one read query, compiled once per database and process (see module doc)."""

    def __init__(self, name: str):
        self.name = name
        self._kept: dict[tuple[str, str], _Kept] = {}

    def bind(self, queryset: QuerySet, *, value: int) -> QuerySet:
        """``queryset`` (built just now by the caller, for ``value``) served from the kept SQL
        when it is evaluated as it is; returned unchanged when it cannot be."""
        query = queryset.query
        if type(query) is not Query or type(value) is not int:
            return queryset
        query.__class__ = _CompiledOnceQuery
        query.compiled_once = (self, value)
        return queryset

    def forget(self) -> None:
        self._kept.clear()

    def compiler_for(self, compiler, value: int):
        key = (compiler.connection.alias, compiler.connection.vendor)
        kept = self._kept.get(key)
        compile_sql = compiler.as_sql

        if kept is None:

            def as_sql(with_limits=True, with_col_aliases=False):
                sql, params = compile_sql(with_limits, with_col_aliases)
                if with_limits and not with_col_aliases:
                    self._learn(key, compiler, sql, params, value)
                return sql, params

        else:
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

    def _learn(self, key, compiler, sql, params, value) -> None:
        slots = [i for i, param in enumerate(params) if type(param) is int and param == value]
        if len(slots) != 1:
            return  # the value is not one parameter: the SQL cannot be reused for another
        self._kept[key] = _Kept(
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
