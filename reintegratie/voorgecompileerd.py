"""Annotations compiled to SQL once per process instead of once per request (issue 18).

Django compiles a queryset's expressions anew for every query. For the deadline dates of
`trajecten.selectors.met_termijndata` (fifteen correlated subqueries, some repeated inside a
CASE: 16-22 KB of SQL) that cost 8-13 ms per list or page before PostgreSQL saw a byte, more
than running the query. The SQL of such an annotation does not change between requests: it
depends on the model and the active time zone only. `vastgezet` compiles the annotations of a
queryset maker once, for the base table as the outer query, and hands out expressions that
return that SQL as it is.

An expression is only reused where the outer query is the one it was compiled for: a queryset of
the same model, its base table under its own name. When Django relabels the query (the queryset
becomes a subquery of another one), the expression hands itself back as the original ORM
expression, relabeled the normal way, so it is never wrong, only not faster there.
"""

from collections.abc import Callable
from threading import Lock
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Expression
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable


class Voorgecompileerd(Expression):
    """The SQL of one resolved annotation, compiled once; see the module docstring."""

    def __init__(self, origineel: Any, sql: str, params: tuple, alias: str) -> None:
        super().__init__(output_field=origineel.output_field)
        self.origineel = origineel
        self.sql = sql
        self.params = params
        self.alias = alias

    @cached_property
    def identity(self):
        # Its text says what it is. The default walks the original expression down to the
        # choices of its fields, translating every lazy label (441 translations per inbox).
        return (self.__class__, self.sql, make_hashable(self.params))

    def as_sql(self, compiler, connection):
        return self.sql, list(self.params)

    def relabeled_clone(self, change_map):
        if self.alias in change_map:  # inside another query: the ORM's own expression
            return self.origineel.relabeled_clone(change_map)
        return self

    def get_group_by_cols(self):
        return [self]


_Maker = Callable[[models.QuerySet], models.QuerySet]
# (sql, params) of each annotation, and the outer alias -> (sql, params) of one annotation
Samensteller = Callable[[dict[str, tuple[str, tuple]], str], tuple[str, tuple]]
_gecompileerd: dict[tuple[str, str], dict[str, Voorgecompileerd]] = {}
_slot = Lock()


def vastgezet(
    model: type[models.Model],
    maker: _Maker,
    sleutel: str,
    samengesteld: dict[str, Samensteller] | None = None,
) -> dict[str, Expression]:
    """The annotations `maker` adds to a queryset of `model`, each compiled once per process and
    time zone (a TruncDate names it), keyed by `sleutel`. Pass them to `.annotate(**...)` in
    the order given: later ones may refer to earlier ones by name. `samengesteld` writes the
    SQL of an annotation from the compiled others (where the ORM repeats a subquery that
    PostgreSQL would then run again); its result must equal the ORM's, which its tests show."""
    index = (sleutel, timezone.get_current_timezone_name())
    klaar = _gecompileerd.get(index)
    if klaar is None:
        with _slot:
            klaar = _gecompileerd.get(index)
            if klaar is None:
                klaar = _compileer(model, maker, samengesteld or {})
                _gecompileerd[index] = klaar
    return dict(klaar)


def _compileer(
    model: type[models.Model], maker: _Maker, samengesteld: dict[str, Samensteller]
) -> dict[str, Voorgecompileerd]:
    query = maker(model._default_manager.all()).query
    alias = query.get_initial_alias()
    # Only correlated subqueries and columns of the base table: a join in the outer query
    # would leave SQL that names an alias another query does not have.
    gebruikt = [a for a, n in query.alias_refcount.items() if n]
    assert gebruikt == [alias], gebruikt
    compiler = query.get_compiler(using=DEFAULT_DB_ALIAS)
    delen = {}
    for naam, expressie in query.annotations.items():
        sql, params = compiler.compile(expressie)
        delen[naam] = (sql, tuple(params))
    uit = {}
    for naam, expressie in query.annotations.items():
        sql, params = samengesteld[naam](delen, alias) if naam in samengesteld else delen[naam]
        uit[naam] = Voorgecompileerd(expressie, sql, params, alias)
    return uit
