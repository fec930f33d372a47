""" "Mijn acties" in the navigation of every page, from the shared cache (issue 18).

Counting the running actions of the user's organisation through the door costs 4-6 ms of every
page at national volume (compiling the door, planning, running), for a number that changes when
an action does. So each user's count is kept in the shared cache with the organisation's
action version beside it: adding an action or changing its status gives the organisation a new
version (`acties_gewijzigd`, at once and again when the transaction commits), and every
colleague's next page counts again. A change in who sees which case (a handover, a
restriction) is in the count within `NAVIGATIE_CACHE_SECONDEN`; the list behind the link always
reads through the door. With Redis down the count comes from the database, as before.
"""

from collections.abc import Callable
from contextlib import suppress
from uuid import uuid4

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from redis.exceptions import RedisError

from ketenpartners.models import Medewerker

CACHE = "gedeeld"


def _versiesleutel(organisatie_id: int) -> str:
    return f"acties:versie:{organisatie_id}"


def _aantalsleutel(user: Medewerker) -> str:
    # The organisation in the key: someone moved to another one never sees the old one's count.
    return f"acties:navigatie:{user.organisatie_id}:{user.pk}"


def aantal(user: Medewerker, tel: Callable[[], int]) -> int:
    """The user's count: the cached one while the organisation's actions have not changed,
    else `tel()`, stored for the next page. One round trip to Redis on a hit."""
    seconden = settings.NAVIGATIE_CACHE_SECONDEN
    if not seconden or user.organisatie_id is None:
        return tel()
    cache = caches[CACHE]
    versiesleutel, aantalsleutel = _versiesleutel(user.organisatie_id), _aantalsleutel(user)
    try:
        gevonden = cache.get_many([versiesleutel, aantalsleutel])
    except RedisError:
        return tel()
    versie = gevonden.get(versiesleutel, "")
    opgeslagen = gevonden.get(aantalsleutel)
    if opgeslagen is not None and opgeslagen[0] == versie:
        return opgeslagen[1]
    uitkomst = tel()
    with suppress(RedisError):
        cache.set(aantalsleutel, (versie, uitkomst), timeout=seconden)
    return uitkomst


def acties_gewijzigd(organisatie_id: int, *, bij_commit: bool = False) -> None:
    """A new version for the organisation's actions: every colleague counts again. A fresh
    random version, never a counter: two changes at once cannot end on the same one.
    `bij_commit`: now, and once more when the transaction commits, so that a page that counted
    before the commit cannot keep its old count under the new version."""
    if bij_commit:
        transaction.on_commit(lambda: acties_gewijzigd(organisatie_id))
    # With Redis down the old version stays: counts stale for at most NAVIGATIE_CACHE_SECONDEN.
    with suppress(RedisError):
        caches[CACHE].set(_versiesleutel(organisatie_id), uuid4().hex, timeout=None)
