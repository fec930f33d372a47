"""The one door to trajectories. Every view, export, count, fragment and task reads trajectories
through `trajecten_voor` or `traject_voor_of_404`; "not yours" and "not found" answer the same
404, and every single-trajectory read is written to the audit trail.

Who sees a trajectory is decided by django-guardian object permissions (direct foreign-key
tables), granted and revoked by `herbereken_toegang` whenever the case changes hands: the PI,
the return gemeente, the reclassering and a ZVH get a grant for their organisation's group, so
every colleague sees the case without a grant of their own; the casemanager, mentor and
reclasseringswerker get a personal grant. A restricted case (`beperkt`) is seen only by the named
people, its casemanager and its mentor (ADR 0024). Which fields each role then sees is
ketenpartners.deelmatrix.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.http import Http404

from audit.models import Auditactie
from audit.services import vastleggen, vastleggen_per_traject
from ketenpartners.deelmatrix import zicht
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort

from .keuzes import IN_DETENTIE, Fase, Regie
from .models import (
    Actie,
    NietOnzeGemeente,
    Traject,
    TrajectGroupObjectPermission,
    TrajectUserObjectPermission,
)
from .querysets import TrajectQuerySet, joins_in_volgorde

PI_ROLLEN = {Rol.CASEMANAGER, Rol.MENTOR, Rol.RIC_MEDEWERKER, Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR}
# Who may change a trajectory as a whole (intake, plan, meetings, release).
BEWERKERS = {Rol.CASEMANAGER, Rol.RIC_MEDEWERKER, Rol.HOOFD_DR}
# Who may update basisvoorwaarden and add actions and contact moments.
BIJWERKERS = BEWERKERS | {Rol.MENTOR}
ZIEN = "view_traject"
# Who holds actions of their organisation ("Mijn acties"): the PI staff who update
# basisvoorwaarden, the gemeente's nazorgcoördinator, the reclasseringswerker.
ACTIE_ROLLEN = BIJWERKERS | {Rol.NAZORGCOORDINATOR, Rol.RECLASSERINGSWERKER}


def organisatiegroep(organisatie: Organisatie) -> Group:
    groep, _nieuw = Group.objects.get_or_create(name=f"org:{organisatie.code}")
    return groep


def _zien() -> Subquery:
    """The id of the view permission as an uncorrelated scalar subquery: PostgreSQL evaluates it
    once per statement (an InitPlan), where a join on `permission__codename` scanned
    auth_permission again for every row the per-row door checked (40 ms of a 49 ms count of one
    PI's running actions at national volume, issue 18). Only for `zichtbaar_per_rij`: in the
    UNION of `zichtbaar_voor` the join gives the planner better estimates (the API list took
    twice as long with the subquery)."""
    return Subquery(
        Permission.objects.filter(
            codename=ZIEN, content_type__app_label="trajecten", content_type__model="traject"
        ).values("pk")[:1]
    )


def _leest_dossiers(user: Medewerker) -> bool:
    return bool(user.is_authenticated and user.is_active and zicht(user.rol).traject)


def zichtbaar_voor(user: Medewerker, *, via: str = "") -> Q:
    """The door as one condition: `pk IN (personal grants UNION ALL grants to the user's
    groups)`, each branch read from its grant index (user, permission, case) and (group,
    permission, case); a restricted case only through a personal grant, checked on the row
    itself (a small hashed set of the user's own grants) instead of a join per group grant.
    Apply it once, to any trajectory queryset (`traject_voor_of_404` does): never the door
    inside the door (issue 18, ADR 0025). UNION ALL: the IN ignores duplicates. `via` names the
    path from another model to its trajectory (`basisvoorwaarde__traject`), so a count of
    actions joins the door instead of nesting a trajectory query inside its IN."""
    pad = f"{via}__" if via else ""
    if not _leest_dossiers(user):
        return Q(pk__in=[])
    persoonlijk = TrajectUserObjectPermission.objects.filter(
        user=user, permission__codename=ZIEN
    ).values("content_object_id")
    groepen = Medewerker.groups.through.objects.filter(medewerker=user).values("group_id")
    via_organisatie = TrajectGroupObjectPermission.objects.filter(
        group_id__in=groepen, permission__codename=ZIEN
    ).values("content_object_id")
    return Q(**{f"{pad}pk__in": persoonlijk.union(via_organisatie, all=True)}) & (
        Q(**{f"{pad}beperkt": False}) | Q(**{f"{pad}pk__in": persoonlijk})
    )


def zichtbaar_per_rij(user: Medewerker, *, via: str = "") -> Q:
    """The same door as `zichtbaar_voor`, written as a check per row for a query that is driven
    by a small set of its own (the running actions of one organisation, from their partial
    index): `personal grant OR (not restricted AND group grant)`, each an EXISTS under an OR, so
    PostgreSQL keeps them as (hashed) subplans tested on the driving rows instead of starting
    from every case the user may see and walking its history (issue 18, ADR 0025). Equal to
    `zichtbaar_voor`: (P or G) and (not restricted or P) is P or (G and not restricted). Never
    for a list that the door itself should drive (a PI's whole caseload); a casemanager's own
    caseload is driven by his cases (`selectors.caseload`, issue 18)."""
    pad = f"{via}__" if via else ""
    if not _leest_dossiers(user):
        return Q(pk__in=[])
    persoonlijk, via_organisatie = _rechten_op(user, OuterRef(f"{pad}pk"))
    return Q(Exists(persoonlijk)) | (Q(**{f"{pad}beperkt": False}) & Q(Exists(via_organisatie)))


def _rechten_op(user: Medewerker, traject: OuterRef) -> tuple[QuerySet, QuerySet]:
    """The user's personal and group view grants on the outer query's `traject`, for the two
    per-row forms of the door."""
    persoonlijk = TrajectUserObjectPermission.objects.filter(
        user=user, permission_id=_zien(), content_object_id=traject
    )
    groepen = Medewerker.groups.through.objects.filter(medewerker=user).values("group_id")
    via_organisatie = TrajectGroupObjectPermission.objects.filter(
        group_id__in=groepen, permission_id=_zien(), content_object_id=traject
    )
    return persoonlijk, via_organisatie


def zichtbaar_in_volgorde(user: Medewerker) -> Q:
    """The same door as `zichtbaar_per_rij`, for a list read in an index's order up to a LIMIT
    (the reclassering's clients, `traject_reclassering_volgorde`): one EXISTS over a UNION ALL
    of the personal and the group grant. PostgreSQL cannot hash that subquery, so only the rows
    the index walk reaches are checked, two index probes each; `zichtbaar_per_rij`'s two EXISTS
    under an OR were hashed over every grant of the organisation's ten years (77,000 at
    national volume, 30 ms) before the first row (issue 18)."""
    if not _leest_dossiers(user):
        return Q(pk__in=[])
    persoonlijk, via_organisatie = _rechten_op(user, OuterRef("pk"))
    niet_beperkt = via_organisatie.filter(Exact(OuterRef("beperkt"), False))
    return Q(Exists(persoonlijk.values("pk").union(niet_beperkt.values("pk"), all=True)))


def trajecten_voor(user: Medewerker) -> TrajectQuerySet:
    """The trajectories this user may see: a personal grant, or a grant to the group of their
    organisation on a case that is not restricted. Evaluated per request, so a revoked grant or a
    deactivated account is out at the very next request."""
    if not _leest_dossiers(user):
        return Traject.objects.none()
    return Traject.objects.filter(zichtbaar_voor(user))


def trajecten_voor_per_rij(user: Medewerker) -> TrajectQuerySet:
    """The same door as `trajecten_voor`, checked per row (`zichtbaar_per_rij`), for a list
    that its own filter and index already narrow to what is current (a casemanager's own
    caseload, the dashboard's caseload per casemanager): its cost follows those rows, where
    the UNION would first gather every grant of ten years of the organisation (issue 18)."""
    if not _leest_dossiers(user):
        return Traject.objects.none()
    return Traject.objects.filter(zichtbaar_per_rij(user))


def in_bewaking(via: str = "") -> Q:
    """The condition of `trajecten_voor_bewaking`, for a query of related rows (`via`, e.g.
    "basisvoorwaarde__traject"): as a condition of the join, PostgreSQL can start from those
    rows instead of an IN over every case in detention (issue 18)."""
    return Q(**{f"{via}__fase__in" if via else "fase__in": IN_DETENTIE})


def trajecten_voor_bewaking() -> TrajectQuerySet:
    """The system's own door, for the morning deadline scan: every trajectory in detention. The
    scan reads ids and dates only and shows nothing; what it produces reaches people through
    `signalering.selectors.notificaties_voor`, which applies `trajecten_voor`."""
    return Traject.objects.filter(in_bewaking())


def uitgestroomd_voor_bewaking() -> TrajectQuerySet:
    """The system's door for the scan's part after release (issue 12): every trajectory in the
    nazorg phase, for the chase of unconfirmed handovers. Ids and dates only, like
    `trajecten_voor_bewaking`."""
    return Traject.objects.filter(fase=Fase.NA_DETENTIE)


def trajecten_voor_aggregaten(user: Medewerker) -> TrajectQuerySet:
    """For counts only (the staffunctionaris's regional dashboard): the trajectories of the PIs
    in the user's veiligheidsregio. Never render rows from this queryset: a case list comes from
    `trajecten_voor` (own PI only). Issue 4: 'aggregates for the region'."""
    if not (_leest_dossiers(user) and user.rol in {Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR}):
        return Traject.objects.none()
    # A role comes with an organisation (constraint medewerker_met_rol_heeft_organisatie).
    assert user.organisatie_id is not None
    regio = Organisatie.objects.filter(pk=user.organisatie_id).values("regio_id")
    return Traject.objects.filter(pi__regio_id__in=regio)


def traject_voor_of_404(
    user: Medewerker,
    pk: int,
    queryset: QuerySet[Traject] | None = None,
    *,
    url: str = "",
    object_type: str = "traject",
) -> Traject:
    """One trajectory, or 404; the read is recorded in the audit trail."""
    if not _leest_dossiers(user):
        raise Http404
    qs = (Traject.objects.all() if queryset is None else queryset).filter(zichtbaar_voor(user))
    try:
        # One case by its key with everything its page shows: the joins in the order
        # written, or planning them costs more than running them (issue 18).
        with joins_in_volgorde(qs.db):
            traject = qs.get(pk=pk)
    except (Traject.DoesNotExist, ValueError, TypeError) as fout:
        raise Http404 from fout
    vastleggen(
        gebruiker=user,
        actie=Auditactie.LEZEN,
        traject_ids=[traject.pk],
        url=url,
        object_type=object_type,
    )
    return traject


def registreer_lijst(user: Medewerker, traject_ids: list[int], *, url: str = "") -> None:
    """For lists the ids shown are recorded (issue 4: 'for lists the ids shown')."""
    vastleggen(
        gebruiker=user,
        actie=Auditactie.LIJST,
        traject_ids=traject_ids,
        url=url,
        categorieen=["traject"],
    )


def mag_traject_wijzigen(user: Medewerker, traject: Traject) -> bool:
    return user.rol in BEWERKERS and traject.pi_id == user.organisatie_id


def mag_voorwaarden_bijwerken(user: Medewerker, traject: Traject) -> bool:
    return user.rol in BIJWERKERS and traject.pi_id == user.organisatie_id


def is_nazorg_van(user: Medewerker, traject: Traject) -> bool:
    """A nazorgcoördinator of the gemeente the person returns to (verified, else notified)."""
    return (
        user.rol == Rol.NAZORGCOORDINATOR
        and traject.gemeente_id is not None
        and user.organisatie_id == traject.gemeente_id
    )


def is_reclassering_van(user: Medewerker, traject: Traject) -> bool:
    return user.rol == Rol.RECLASSERINGSWERKER and user.organisatie_id == traject.reclassering_id


def ontvangt_overdracht(user: Medewerker, traject: Traject) -> bool:
    """Who may confirm the handover ('Ontvangen, ik pak het op', issue 12): a nazorgcoördinator
    of the case's gemeente or the case's reclassering, once released. Either may confirm; the
    party with case direction is the one asked (`heeft_regie_na_uitstroom`)."""
    return traject.fase == Fase.NA_DETENTIE and (
        is_nazorg_van(user, traject) or is_reclassering_van(user, traject)
    )


def heeft_regie_na_uitstroom(user: Medewerker, traject: Traject) -> bool:
    """The party the handover went to: the gemeente's nazorgcoördinator, or the reclassering
    when a judicial title gave it case direction. It closes the nazorg phase."""
    if traject.fase != Fase.NA_DETENTIE:
        return False
    overdracht = getattr(traject, "overdracht", None)  # RelatedObjectDoesNotExist: none
    regie = overdracht.regie_naar if overdracht is not None else traject.regie_na_uitstroom
    if regie == Regie.GEMEENTE:
        return is_nazorg_van(user, traject)
    return regie == Regie.RECLASSERING and is_reclassering_van(user, traject)


def mag_actie_bijwerken(user: Medewerker, traject: Traject, actie: Actie) -> bool:
    """An action's status is changed by the organisation that holds it: for a PI's action the
    PI staff who update basisvoorwaarden (after a move, the PI that has the case now), for a
    gemeente's action its nazorgcoördinator, for a reclassering's action the
    reclasseringswerker of the involved reclassering (issue 11)."""
    if actie.organisatie.soort == Soort.PI:
        return mag_voorwaarden_bijwerken(user, traject)
    if actie.organisatie_id != user.organisatie_id:
        return False
    return is_nazorg_van(user, traject) or is_reclassering_van(user, traject)


def mag_actie_toevoegen(user: Medewerker, traject: Traject, organisatie_id: int) -> bool:
    """A new action: in detention the PI staff who update basisvoorwaarden (for anyone) and the
    gemeente for itself; after release, in the nazorg phase, the gemeente and the involved
    reclassering for themselves: the PI's casemanager is no longer responsible (issue 12). A
    closed case takes no new actions."""
    if traject.fase == Fase.AFGESLOTEN:
        return False
    eigen = organisatie_id == user.organisatie_id and (
        is_nazorg_van(user, traject)
        or (traject.fase == Fase.NA_DETENTIE and is_reclassering_van(user, traject))
    )
    pi = traject.fase in IN_DETENTIE and mag_voorwaarden_bijwerken(user, traject)
    return eigen or pi


def mag_contact_vastleggen(user: Medewerker, traject: Traject) -> bool:
    """PI case staff, the gemeente the person returns to, and the assigned reclassering record
    contact moments (deelmatrix: 'contact' in schrijven)."""
    return (
        mag_voorwaarden_bijwerken(user, traject)
        or is_nazorg_van(user, traject)
        or is_reclassering_van(user, traject)
    )


def mag_opnemen(user: Medewerker) -> bool:
    return user.rol in BEWERKERS and user.organisatie_id is not None


def _gewenst(
    traject: Traject, beperkt_tot: dict[int, int | None], niet_onze: set[int]
) -> tuple[set[int], set[int]]:
    """(organisation ids, user ids) that should hold a grant, from the case as it is now;
    `beperkt_tot` are the people named on a restricted case (person id -> organisation id),
    `niet_onze` the gemeenten whose "niet onze inwoner" answer is open."""
    personen = {
        p for p in (traject.casemanager_id, traject.mentor_id, traject.reclasseringswerker_id) if p
    }
    if traject.beperkt:
        # Restricted (issue 17): no organisation-wide grant; the casemanager, the mentor and
        # the people named on the case keep access, but a named person only while his
        # organisation is still the case's PI, its return gemeente (not one that answered
        # "niet onze inwoner") or its reclassering: a gemeente or reclassering change drops
        # the old organisation's named staff at the next request.
        betrokken = {traject.pi_id, traject.gemeente_id, traject.reclassering_id} - {None}
        betrokken -= niet_onze
        genoemd = {p for p, org in beperkt_tot.items() if org in betrokken}
        return set(), {
            p for p in (traject.casemanager_id, traject.mentor_id, *genoemd) if p is not None
        }
    organisaties = {
        o
        for o in (traject.pi_id, traject.gemeente_id, traject.reclassering_id, traject.zvh_id)
        if o
    }
    # A gemeente that answered "niet onze inwoner" stops reading the case at once, also when it
    # named no other gemeente; the casemanager's verification closes the answer (ADR 0017).
    organisaties -= niet_onze
    return organisaties, personen


def _organisatiegroepen(organisatie_ids: set[int]) -> dict[int, tuple[int, str]]:
    """organisation id -> (group id, organisation name), the groups made when missing. Two
    queries, four when a group is new."""
    organisaties = {
        o.pk: o
        for o in Organisatie.objects.filter(pk__in=organisatie_ids).only("code", "naam", "soort")
    }
    namen = {f"org:{o.code}": pk for pk, o in organisaties.items()}
    groepen = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    if ontbrekend := namen.keys() - groepen.keys():
        Group.objects.bulk_create([Group(name=n) for n in ontbrekend], ignore_conflicts=True)
        groepen = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    return {namen[n]: (g, str(organisaties[namen[n]])) for n, g in groepen.items()}


def _organisatienamen(groepsnamen: set[str]) -> dict[str, str]:
    codes = {g.removeprefix("org:"): g for g in groepsnamen}
    gevonden = {
        f"org:{o.code}": str(o)
        for o in Organisatie.objects.filter(code__in=codes).only("code", "naam", "soort")
    }
    return {g: gevonden.get(g, g) for g in groepsnamen}


def herbereken_toegang_bulk(
    *, trajecten: Iterable[Traject], acting_user: Medewerker | None, reden: str
) -> dict:
    """`herbereken_toegang` for many cases at once, set-based: the same grants, revokes and
    audit rows (one per organisation or person and case, "<naam>: <reden>") in a number of
    queries that does not grow with the number of cases (a caseload move, issue 12)."""
    trajecten = list(trajecten)
    if not trajecten:
        return {"erbij": 0, "eraf": 0}
    ids = [t.pk for t in trajecten]
    permissie = Permission.objects.get(content_type__app_label="trajecten", codename=ZIEN)
    beperkt_ids = [t.pk for t in trajecten if t.beperkt]
    beperkt_tot: dict[int, dict[int, int | None]] = {}
    if beperkt_ids:
        for t_id, m_id, org_id in Traject.beperkt_tot.through.objects.filter(
            traject_id__in=beperkt_ids
        ).values_list("traject_id", "medewerker_id", "medewerker__organisatie_id"):
            beperkt_tot.setdefault(t_id, {})[m_id] = org_id
    niet_onze: dict[int, set[int]] = {}
    for t_id, g_id in NietOnzeGemeente.objects.filter(
        traject_id__in=ids, afgehandeld_op__isnull=True
    ).values_list("traject_id", "gemeente_id"):
        niet_onze.setdefault(t_id, set()).add(g_id)
    gewenst = {
        t.pk: _gewenst(t, beperkt_tot.get(t.pk, {}), niet_onze.get(t.pk, set())) for t in trajecten
    }
    groepen = _organisatiegroepen(set().union(*(o for o, _p in gewenst.values())))
    huidig_groep: dict[int, dict[int, str]] = {}
    for t_id, g_id, naam in TrajectGroupObjectPermission.objects.filter(
        content_object_id__in=ids, permission=permissie
    ).values_list("content_object_id", "group_id", "group__name"):
        huidig_groep.setdefault(t_id, {})[g_id] = naam
    huidig_persoon: dict[int, set[int]] = {}
    for t_id, u_id in TrajectUserObjectPermission.objects.filter(
        content_object_id__in=ids, permission=permissie
    ).values_list("content_object_id", "user_id"):
        huidig_persoon.setdefault(t_id, set()).add(u_id)

    erbij_groep: list[tuple[int, int]] = []
    eraf_groep: list[tuple[int, int]] = []
    erbij_persoon: list[tuple[int, int]] = []
    eraf_persoon: list[tuple[int, int]] = []
    for t_id, (organisaties, personen) in gewenst.items():
        gewenste_groepen = {groepen[o][0] for o in organisaties if o in groepen}
        nu_groep = huidig_groep.get(t_id, {})
        nu_persoon = huidig_persoon.get(t_id, set())
        erbij_groep += [(t_id, g) for g in sorted(gewenste_groepen - nu_groep.keys())]
        eraf_groep += [(t_id, g) for g in sorted(nu_groep.keys() - gewenste_groepen)]
        erbij_persoon += [(t_id, u) for u in sorted(personen - nu_persoon)]
        eraf_persoon += [(t_id, u) for u in sorted(nu_persoon - personen)]

    if erbij_groep:
        TrajectGroupObjectPermission.objects.bulk_create(
            [
                TrajectGroupObjectPermission(
                    content_object_id=t_id, group_id=g, permission=permissie
                )
                for t_id, g in erbij_groep
            ]
        )
    if eraf_groep:
        TrajectGroupObjectPermission.objects.filter(
            reduce(or_, (Q(content_object_id=t, group_id=g) for t, g in eraf_groep)),
            permission=permissie,
        ).delete()
    if erbij_persoon:
        TrajectUserObjectPermission.objects.bulk_create(
            [
                TrajectUserObjectPermission(content_object_id=t_id, user_id=u, permission=permissie)
                for t_id, u in erbij_persoon
            ]
        )
    if eraf_persoon:
        TrajectUserObjectPermission.objects.filter(
            reduce(or_, (Q(content_object_id=t, user_id=u) for t, u in eraf_persoon)),
            permission=permissie,
        ).delete()

    betrokken = {u for _t, u in erbij_persoon + eraf_persoon}
    namen = (
        dict(Medewerker.objects.filter(pk__in=betrokken).values_list("pk", "username"))
        if betrokken
        else {}
    )
    groepnaam = dict(groepen.values())
    oude_namen = (
        _organisatienamen({huidig_groep[t][g] for t, g in eraf_groep}) if eraf_groep else {}
    )
    per_traject: dict[int, list[tuple[str, str]]] = {t_id: [] for t_id in ids}
    for t_id, g in erbij_groep:
        per_traject[t_id].append((Auditactie.TOEGANG_VERLEEND, groepnaam[g]))
    for t_id, u in erbij_persoon:
        per_traject[t_id].append((Auditactie.TOEGANG_VERLEEND, namen[u]))
    for t_id, g in eraf_groep:
        per_traject[t_id].append(
            (Auditactie.TOEGANG_INGETROKKEN, oude_namen[huidig_groep[t_id][g]])
        )
    for t_id, u in eraf_persoon:
        per_traject[t_id].append((Auditactie.TOEGANG_INGETROKKEN, namen[u]))
    regels = [(actie, t_id, naam) for t_id in ids for actie, naam in per_traject[t_id]]
    vastleggen_per_traject(
        gebruiker=acting_user,
        regels=[(actie, t_id, f"{naam}: {reden}") for actie, t_id, naam in regels],
        categorieen=[],
    )
    return {
        "erbij": len(erbij_groep) + len(erbij_persoon),
        "eraf": len(eraf_groep) + len(eraf_persoon),
    }


def herbereken_toegang(*, traject: Traject, acting_user: Medewerker | None, reden: str) -> dict:
    """Grant and revoke so the grants match the case; every change is in the audit trail
    (an old gemeente losing access says so). Called by the services that change hands; the
    set-based `herbereken_toegang_bulk` for one case."""
    return herbereken_toegang_bulk(trajecten=[traject], acting_user=acting_user, reden=reden)


def organisaties_die_zien(traject_ids: Iterable[int]) -> dict[int, set[int]]:
    """Per trajectory the organisations whose staff see it through their organisation's grant
    (not a restricted case): who may hear of its events (issue 16's subscriptions). Two
    queries, whatever the number of trajectories."""
    rijen = list(
        TrajectGroupObjectPermission.objects.filter(
            content_object_id__in=list(traject_ids),
            permission__codename=ZIEN,
            content_object__beperkt=False,
            group__name__startswith="org:",
        ).values_list("content_object_id", "group__name")
    )
    codes = {naam.removeprefix("org:") for _t, naam in rijen}
    org_ids = dict(Organisatie.objects.filter(code__in=codes).values_list("code", "pk"))
    uit: dict[int, set[int]] = {}
    for traject_id, naam in rijen:
        if (org := org_ids.get(naam.removeprefix("org:"))) is not None:
            uit.setdefault(traject_id, set()).add(org)
    return uit
