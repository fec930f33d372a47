"""Optimistic locking (ADR 0010): a record that people edit in a form or through the API carries
`versie`, `gewijzigd_door` and `gewijzigd_op`. A save names the version it started from and is
one `UPDATE … WHERE pk = … AND versie = …`; when someone else saved in between, nothing is
written and `VerouderdeVersie` says who and when, with their version of the fields."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


def weergave(waarde: Any, veld: models.Field | None = None) -> str:
    """A stored or typed value as a person reads it."""
    if waarde is None or waarde == "":
        return "—"
    if veld is not None and veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, datetime):
        return f"{timezone.localtime(waarde):%d-%m-%Y %H:%M}"
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    return str(waarde)


def naam_van(medewerker: Any) -> str:
    if medewerker is None:
        return _("Iemand anders")
    return medewerker.get_full_name() or medewerker.username


def tijdstip(moment: datetime | None) -> str:
    """'14:32' today, '14:32 op 03-12-2026' another day."""
    if moment is None:
        return _("eerder")
    lokaal = timezone.localtime(moment)
    if lokaal.date() == timezone.localdate():
        return f"{lokaal:%H:%M}"
    return _("%(tijd)s op %(datum)s") % {"tijd": f"{lokaal:%H:%M}", "datum": f"{lokaal:%d-%m-%Y}"}


def _veld(model: models.Model, naam: str) -> models.Field | None:
    veld = model._meta.get_field(naam)
    return veld if isinstance(veld, models.Field) else None


class VerouderdeVersie(ValidationError):
    """A save that started from an older version than the stored one. Carries the stored
    record (`actueel`), its version, who saved it and when, and their value of every field the
    refused save would have written (`hunne`, readable), so a screen can show both."""

    def __init__(self, actueel: models.Model, velden: Mapping[str, Any]) -> None:
        self.actueel = actueel
        self.versie: int = actueel.versie  # type: ignore[attr-defined]
        self.door = actueel.gewijzigd_door  # type: ignore[attr-defined]
        self.op: datetime | None = actueel.gewijzigd_op  # type: ignore[attr-defined]
        self.hunne = {
            naam: weergave(getattr(actueel, naam), _veld(actueel, naam)) for naam in velden
        }
        self.naam = naam_van(self.door)
        self.melding = _(
            "%(naam)s heeft dit om %(tijd)s gewijzigd. Uw invoer is niet opgeslagen; vergelijk "
            "die met de opgeslagen versie en sla opnieuw op als de uwe moet blijven."
        ) % {"naam": self.naam, "tijd": tijdstip(self.op)}
        super().__init__({NON_FIELD_ERRORS: [self.melding]}, code="verouderd")


def bewaar_versie(obj: M, *, versie: int | None, acting_user: Any, **waarden: Any) -> M:
    """Write `waarden` to `obj`'s row only if the row still has `versie`, and raise the version
    by one. A single conditional UPDATE: of two saves from the same version, PostgreSQL lets the
    second wait for the first and then finds no row with the old version, so exactly one wins.
    `obj` is changed in memory only after the write succeeded."""
    model = type(obj)
    nu = timezone.now()
    bijgewerkt = (
        model._default_manager.filter(pk=obj.pk, versie=versie).update(
            versie=F("versie") + 1, gewijzigd_door=acting_user, gewijzigd_op=nu, **waarden
        )
        if versie is not None
        else 0
    )
    if not bijgewerkt:
        actueel = model._default_manager.select_related("gewijzigd_door").get(pk=obj.pk)
        raise VerouderdeVersie(actueel, waarden)
    for naam, waarde in waarden.items():
        setattr(obj, naam, waarde)
    obj.versie = versie + 1  # type: ignore[attr-defined,operator]
    obj.gewijzigd_door = acting_user  # type: ignore[attr-defined]
    obj.gewijzigd_op = nu  # type: ignore[attr-defined]
    return obj
