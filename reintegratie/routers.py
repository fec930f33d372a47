"""The optional read replica (issue 18, ADR 0027).

With `DATABASE_REPLICA_URL` set, settings add the alias `replica` and `LEES_VAN_REPLICA` is
true. Reads go there only inside `lees_van_replica()`, which the dashboard, its CSV files and
the API's lists put around their reads; everything else, and every write anywhere, stays on
`default`, so a page that reads and then writes (the door's audit rows, a service's
`select_for_update`) never mixes a lagging copy with the primary. Without a replica the context
manager does nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings

REPLICA = "replica"
_op_replica: ContextVar[bool] = ContextVar("lees_van_replica", default=False)


def replica_actief() -> bool:
    return bool(getattr(settings, "LEES_VAN_REPLICA", False)) and REPLICA in settings.DATABASES


@contextmanager
def lees_van_replica() -> Iterator[None]:
    """Reads in this block go to the replica when one is configured; writes never do."""
    token = _op_replica.set(True)
    try:
        yield
    finally:
        _op_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _op_replica.get() and replica_actief():
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of default: an object read from one may point at the other.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None
