"""Writes to the audit trail. Called by the access door (reads) and by services (writes and
grants). Append-only: nothing here or anywhere updates or deletes an Auditregel.

Per request (issue 18, ADR 0024): while `audit.middleware.AuditPerVerzoek` holds a request,
the rows of reads made outside any transaction are collected and written in one INSERT when
the view is done, also when it failed after the read; a failed write of them turns the answer
into a 500, so nothing read is shown without its row. Rows written inside a transaction (a
service that writes) go in at once, atomic with the write. Without a request (Celery tasks,
management commands, tests that call the door) every row is written at once."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection, transaction

from ketenpartners.deelmatrix import categorieen as categorieen_van
from ketenpartners.deelmatrix import zicht

from . import selectors
from .models import Auditactie, Auditregel


@dataclass
class _Verzoekbuffer:
    """The rows of one request, and how deep the transactions were when it started."""

    diepte: int
    rijen: list[Auditregel] = field(default_factory=list)


_buffer: ContextVar[_Verzoekbuffer | None] = ContextVar("auditbuffer", default=None)


@contextmanager
def per_verzoek() -> Iterator[None]:
    """Collect the read rows of the block and write them in one INSERT at its end (also when
    the block raises). A failed write raises: the caller must not show what was read."""
    buffer = _Verzoekbuffer(diepte=len(connection.atomic_blocks))
    token = _buffer.set(buffer)
    try:
        yield
    finally:
        _buffer.reset(token)
        if buffer.rijen:
            Auditregel.objects.bulk_create(buffer.rijen)


def _schrijf(rijen: list[Auditregel]) -> None:
    """Into the request's buffer when the row is a read outside a transaction of its own,
    else at once (in the caller's transaction, if any)."""
    if not rijen:
        return
    buffer = _buffer.get()
    if buffer is not None and len(connection.atomic_blocks) == buffer.diepte:
        buffer.rijen.extend(rijen)
    else:
        Auditregel.objects.bulk_create(rijen)


def _wie(gebruiker) -> dict:
    if gebruiker is None:
        return {"gebruiker": None, "gebruikersnaam": "systeem"}
    return {
        "gebruiker": gebruiker,
        "gebruikersnaam": gebruiker.username,
        "organisatie": str(gebruiker.organisatie or ""),
        "rol": gebruiker.rol,
        "grondslag": zicht(gebruiker.rol).grondslag,
    }


def vastleggen(
    *,
    gebruiker,
    actie: str,
    traject_ids: Iterable[int],
    object_type: str = "traject",
    object_id: str = "",
    categorieen: list[str] | None = None,
    url: str = "",
    toelichting: str = "",
) -> int:
    """One row per trajectory touched. Reads use the categories the role may see."""
    wie = _wie(gebruiker)
    if categorieen is None:
        categorieen = categorieen_van(gebruiker.rol) if gebruiker else []
    rijen = [
        Auditregel(
            **wie,
            actie=actie,
            traject_id=traject_id,
            object_type=object_type,
            object_id=object_id or str(traject_id),
            categorieen=categorieen,
            url=url[:300],
            toelichting=toelichting[:500],
        )
        for traject_id in traject_ids
    ]
    _schrijf(rijen)
    return len(rijen)


def vastleggen_per_traject(
    *,
    gebruiker,
    regels: Iterable[tuple[str, int, str]],
    object_type: str = "traject",
    categorieen: list[str] | None = None,
) -> int:
    """Many rows in one INSERT, each (actie, traject id, toelichting): what `vastleggen` writes
    per call, for set-based services (a caseload move recomputes the grants of many cases)."""
    wie = _wie(gebruiker)
    if categorieen is None:
        categorieen = categorieen_van(gebruiker.rol) if gebruiker else []
    rijen = [
        Auditregel(
            **wie,
            actie=actie,
            traject_id=traject_id,
            object_type=object_type,
            object_id=str(traject_id),
            categorieen=categorieen,
            toelichting=toelichting[:500],
        )
        for actie, traject_id, toelichting in regels
    ]
    _schrijf(rijen)
    return len(rijen)


@transaction.atomic
def schrijfactie(*, gebruiker, traject_id: int, object_type: str, object_id="", toelichting=""):
    return vastleggen(
        gebruiker=gebruiker,
        actie=Auditactie.SCHRIJVEN,
        traject_ids=[traject_id],
        object_type=object_type,
        object_id=str(object_id),
        categorieen=[object_type],
        toelichting=toelichting,
    )


def bekijk(
    *,
    gebruiker,
    gebruikersnaam: str = "",
    traject_id: int | None = None,
    url: str = "",
    limiet: int = 500,
) -> list[Auditregel]:
    """The audit viewer's search. Looking at the trail is itself recorded (issue 17): who, when,
    with which filter and how many rows were shown."""
    regels = list(selectors.zoek(gebruikersnaam=gebruikersnaam, traject_id=traject_id)[:limiet])
    vastleggen(
        gebruiker=gebruiker,
        actie=Auditactie.AUDIT_INGEZIEN,
        traject_ids=[traject_id],  # type: ignore[list-item]  # one row, for a case or none
        object_type="audittrail",
        object_id="audittrail",
        categorieen=["audittrail"],
        url=url,
        toelichting=(
            f"gebruiker={gebruikersnaam or '*'}; traject={traject_id or '*'}; "
            f"{len(regels)} regels getoond"
        ),
    )
    return regels


def accountactie(
    *, actie: str, medewerker=None, door=None, gebruikersnaam: str = "", toelichting: str = ""
) -> Auditregel:
    """One row for something that happened to an account (issue 17): a failed login, a lockout,
    an MFA enrolment, reset or recovery code, a change by the functional administrator. `door`
    is who did it (None for an anonymous login attempt); the account concerned is the object."""
    if door is not None:
        wie = {**_wie(door), "grondslag": ""}
    else:
        wie = {"gebruiker": None, "gebruikersnaam": (gebruikersnaam or "anoniem")[:150]}
    if medewerker is not None and door is not None and medewerker.pk != door.pk:
        # The viewer shows who did it; the account it was done to is named in the text.
        toelichting = f"account {medewerker.username}: {toelichting}"
    return Auditregel.objects.create(
        **wie,
        actie=actie,
        traject_id=None,
        object_type="medewerker",
        object_id=str(medewerker.pk) if medewerker is not None else gebruikersnaam[:40],
        toelichting=toelichting[:500],
    )


def beheeractie(*, door, object_type: str, object_ids: Iterable[int], toelichting: str = "") -> int:
    """One row per object the functional administrator changed outside any case (an outbox
    message cancelled, issue 17), in one INSERT, in the caller's transaction."""
    wie = {**_wie(door), "grondslag": ""}
    rijen = [
        Auditregel(
            **wie,
            actie=Auditactie.SCHRIJVEN,
            traject_id=None,
            object_type=object_type,
            object_id=str(object_id),
            categorieen=[],
            toelichting=toelichting[:500],
        )
        for object_id in object_ids
    ]
    if rijen:
        Auditregel.objects.bulk_create(rijen)
    return len(rijen)
