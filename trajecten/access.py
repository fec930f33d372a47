"""The one door to trajectories. Every view, export, count and task reads trajectories through
`trajecten_voor` or `traject_voor_of_404`; "not yours" and "not found" answer the same 404.

Scope per role (art. 18a Pbw lets PI, reclassering and gemeente share what the trajectory needs):
- PI staff (casemanager, mentor, RIC, staffunctionaris, hoofd D&R): the trajectories of their PI;
- reclasseringswerker: trajectories where their organisation is assigned;
- nazorgcoördinator: trajectories returning to their gemeente (verified, else as notified);
- others (ZVH, functioneel beheer): none yet. Issue 4 adds object grants and field-level rules.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol

from .models import Traject

PI_ROLLEN = {Rol.CASEMANAGER, Rol.MENTOR, Rol.RIC_MEDEWERKER, Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR}
# Who may change a trajectory as a whole (intake, plan, meetings, release).
BEWERKERS = {Rol.CASEMANAGER, Rol.RIC_MEDEWERKER, Rol.HOOFD_DR}
# Who may update basisvoorwaarden and add actions and contact moments.
BIJWERKERS = BEWERKERS | {Rol.MENTOR}


def trajecten_voor(user: Medewerker) -> QuerySet[Traject]:
    if not (user.is_authenticated and user.is_active and user.organisatie_id):
        return Traject.objects.none()
    if user.rol in PI_ROLLEN:
        return Traject.objects.filter(pi_id=user.organisatie_id)
    if user.rol == Rol.RECLASSERINGSWERKER:
        return Traject.objects.filter(reclassering_id=user.organisatie_id)
    if user.rol == Rol.NAZORGCOORDINATOR:
        return Traject.objects.filter(
            Q(terugkeer_gemeente_id=user.organisatie_id)
            | Q(terugkeer_gemeente__isnull=True, gemelde_gemeente_id=user.organisatie_id)
        )
    return Traject.objects.none()


def traject_voor_of_404(
    user: Medewerker, pk: int, queryset: QuerySet[Traject] | None = None
) -> Traject:
    qs = trajecten_voor(user) if queryset is None else queryset & trajecten_voor(user)
    try:
        return qs.get(pk=pk)
    except Traject.DoesNotExist as fout:
        raise Http404 from fout


def mag_bewerken(user: Medewerker, traject: Traject) -> bool:
    return user.rol in BEWERKERS and traject.pi_id == user.organisatie_id


def mag_bijwerken(user: Medewerker, traject: Traject) -> bool:
    return user.rol in BIJWERKERS and traject.pi_id == user.organisatie_id


def mag_opnemen(user: Medewerker) -> bool:
    return user.rol in BEWERKERS and user.organisatie_id is not None
