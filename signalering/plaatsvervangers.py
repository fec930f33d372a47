"""Nothing reaches nobody (issue 12, item 7): a notification meant for an inactive account goes
to the active staffunctionarissen of the case's PI instead. Set-based: two queries at most,
whatever the number of notifications."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TypeVar

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol

K = TypeVar("K", bound=Hashable)


def vervang_inactieven(paren: Iterable[tuple[K, int | None, int | None]]) -> list[tuple[K, int]]:
    """(key, person id, the case's PI id) → (key, person id), without duplicates: an active
    person stays, an inactive one is replaced by the PI's active staffunctionarissen (none:
    nobody, as before). Empty person ids are dropped."""
    gevuld = [(k, p, pi) for k, p, pi in paren if p]
    if not gevuld:
        return []
    inactief = set(
        Medewerker.objects.filter(pk__in={p for _k, p, _pi in gevuld}, is_active=False).values_list(
            "pk", flat=True
        )
    )
    staf: dict[int, list[int]] = defaultdict(list)
    pis = {pi for _k, p, pi in gevuld if p in inactief and pi}
    if pis:
        for pk, organisatie_id in Medewerker.objects.filter(
            rol=Rol.STAFFUNCTIONARIS, organisatie_id__in=pis, is_active=True
        ).values_list("pk", "organisatie_id"):
            if organisatie_id is not None:
                staf[organisatie_id].append(pk)
    uit: dict[tuple[K, int], None] = {}
    for k, p, pi in gevuld:
        assert p is not None
        if p not in inactief:
            uit[(k, p)] = None
        elif pi is not None:
            for wie in staf.get(pi, []):
                uit[(k, wie)] = None
    return list(uit)
