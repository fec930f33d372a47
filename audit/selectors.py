from django.db.models import QuerySet

from .models import Auditactie, Auditregel
from .services import vastleggen


def regels_voor_traject(*, traject_id: int, limiet: int = 500) -> list[Auditregel]:
    return list(Auditregel.objects.filter(traject_id=traject_id).order_by("-op", "-pk")[:limiet])


def zoek(*, gebruikersnaam: str = "", traject_id: int | None = None) -> QuerySet[Auditregel]:
    qs = Auditregel.objects.all()
    if gebruikersnaam:
        qs = qs.filter(gebruikersnaam__iexact=gebruikersnaam)
    if traject_id is not None:
        qs = qs.filter(traject_id=traject_id)
    return qs.order_by("-op", "-pk")


def bekijk(
    *, gebruiker, gebruikersnaam: str = "", traject_id: int | None = None, url: str = "",
    limiet: int = 500,
) -> list[Auditregel]:
    """The audit viewer's search. Looking at the trail is itself recorded (issue 17): who, when,
    with which filter and how many rows were shown."""
    regels = list(zoek(gebruikersnaam=gebruikersnaam, traject_id=traject_id)[:limiet])
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
