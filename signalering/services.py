"""The deadline watch. Set-based (issue 18, ADR 0026): one scan computes the deadlines of all
trajectories in detention in SQL on the working-day calendar table and inserts, resolves and
lets lapse flags in a few statements whose cost follows the active trajectories."""

import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Auditactie, Auditregel
from audit.services import beheeractie
from ketenpartners.models import Contactpunt, Medewerker
from ketenpartners.rollen import Rol
from trajecten.access import trajecten_voor_bewaking
from trajecten.kalender import zorg_voor_kalender
from trajecten.querysets import GEMEENTE_ID
from trajecten.selectors import met_termijndata
from trajecten.services import eis

from . import voorkeuren
from .acties import scan_acties
from .invoegen import voeg_in_uit
from .models import (
    SIGNALERINGEN,
    Bericht,
    Berichtsoort,
    Berichtstatus,
    Kanaal,
    Meldingsvoorkeur,
    Notificatie,
    Scanrun,
    Signalering,
    Signaleringssoort,
)
from .overdrachten import scan_overdrachten
from .plaatsvervangers import vervang_inactieven
from .voorbereidingen import scan_uitkeringsaanvragen
from .werkdagen import lokale_datum_sql, plus_werkdagen_sql, volgende_werkdag_sql

logger = logging.getLogger(__name__)

# Which event resolves a flag of each kind, as SQL over the scan's row `r` and the flag `s`:
# the day it was resolved, or NULL. A recurring meeting's flag had its deadline set by the
# meeting before it (or the plan's adoption), N weeks on; a meeting held since resolves it on
# its day: the latest held meeting then points past the flag's deadline.
OPLOSSER: dict[str, str] = {
    Signaleringssoort.CONTACT_GEMEENTE: "r.contact_gemeente_datum",
    Signaleringssoort.PLAN_VASTGESTELD: "r.plan_vastgesteld_datum",
    Signaleringssoort.STARTOVERLEG: "r.startoverleg_datum",
    Signaleringssoort.ONTVANGST: "r.gezien_datum",
    Signaleringssoort.ONTVANGST_ESCALATIE: "r.gezien_datum",
    Signaleringssoort.MDO: (
        "CASE WHEN r.laatste_mdo_datum + 42 > s.uiterlijk THEN r.laatste_mdo_datum END"
    ),
    Signaleringssoort.TRAJECTGESPREK: (
        "CASE WHEN COALESCE(r.gespreksfrequentie_weken, 0) <> 0 AND"
        " r.laatste_trajectgesprek_datum + 7 * r.gespreksfrequentie_weken > s.uiterlijk"
        " THEN r.laatste_trajectgesprek_datum END"
    ),
    Signaleringssoort.UITSTROOMOVERLEG: "r.uitstroomoverleg_datum",
}
# Flags about meetings in detention: after release they lapse (the scan reads only
# trajectories in detention, so it lets them lapse itself).
VERVALT_BIJ_UITSTROOM = (
    Signaleringssoort.MDO,
    Signaleringssoort.TRAJECTGESPREK,
    Signaleringssoort.UITSTROOMOVERLEG,
)
SCAN_LOCK = 5_151_001  # pg_advisory_xact_lock key: one scan at a time
DIGEST_LOCK = 5_151_002  # and one composition of the digests at a time
MAX_POGINGEN = 5


@dataclass
class Scanresultaat:
    datum: date
    nieuw: list[tuple[int, str, date]] = field(default_factory=list)
    opgelost: list[tuple[int, str, date]] = field(default_factory=list)
    open: int = 0


# The columns of the scan's row: what the deadlines, the resolvers and the notifications need.
_RIJVELDEN = (
    "pk",
    "pi_id",
    "casemanager_id",
    "gem_id",
    "binnenkomst_datum",
    "verwachte_uitstroom_datum",
    "uitstroom_datum",
    "aangemaakt_op",
    "gezien_door_gemeente_op",
    "contact_gemeente_datum",
    "plan_vastgesteld_datum",
    "startoverleg_datum",
    "laatste_mdo_datum",
    "uitstroomoverleg_datum",
    "laatste_trajectgesprek_datum",
    "gespreksfrequentie_weken",
)


def _maak_scanrijen(vandaag: date) -> None:
    """Temporary table `scan_rij`: one row per trajectory in detention with the dates of its
    events (`met_termijndata`'s subqueries, evaluated for the active trajectories only), the
    day the gemeente received and saw it, and `peildatum`: the clock stops at release."""
    qs = met_termijndata(trajecten_voor_bewaking()).annotate(gem_id=GEMEENTE_ID)
    bron, params = qs.values(*_RIJVELDEN).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS pg_temp.scan_rij, pg_temp.scan_gemist")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE scan_rij ON COMMIT DROP AS
            SELECT b.pk AS id, b.pi_id, b.casemanager_id, b.gem_id AS gemeente_id,
                   b.binnenkomst_datum,
                   b.verwachte_uitstroom_datum, b.uitstroom_datum, b.contact_gemeente_datum,
                   b.plan_vastgesteld_datum, b.startoverleg_datum, b.laatste_mdo_datum,
                   b.uitstroomoverleg_datum, b.laatste_trajectgesprek_datum,
                   b.gespreksfrequentie_weken,
                   {lokale_datum_sql("b.aangemaakt_op")} AS ontvangen_datum,
                   {lokale_datum_sql("b.gezien_door_gemeente_op")} AS gezien_datum,
                   LEAST(%s::date, b.uitstroom_datum) AS peildatum
            FROM ({bron}) AS b
            """,  # noqa: S608 - the SQL is the queryset's and ours; values are parameters
            [vandaag, *params],
        )
        cursor.execute("ANALYZE scan_rij")


def _maak_gemist(vandaag: date) -> None:
    """Temporary table `scan_gemist` (traject_id, soort, uiterlijk): every deadline missed on
    `vandaag`, computed in one statement with the calendar table exactly as
    `trajecten.deadlines.termijnen` does in Python (met on or before the day by its event;
    lapsed when the detention ended before it; missed once the clock passed it), and the
    gemeente that has not acknowledged an incoming detention within N working days."""
    s = Signaleringssoort
    n_uitstroomoverleg = -settings.UITSTROOMOVERLEG_WERKDAGEN_VOORAF
    ontvangst = plus_werkdagen_sql("r.ontvangen_datum", settings.SIGNALERING_ONTVANGST_WERKDAGEN)
    escalatie = plus_werkdagen_sql(
        "r.ontvangen_datum", settings.SIGNALERING_ONTVANGST_ESCALATIE_WERKDAGEN
    )
    vier_weken = volgende_werkdag_sql("r.binnenkomst_datum + 28")
    # (kind, deadline, the event that meets it, lapses at release, the day the clock shows)
    termijnen = [
        (s.CONTACT_GEMEENTE, plus_werkdagen_sql("r.binnenkomst_datum", 10),
         "r.contact_gemeente_datum", "TRUE", "r.peildatum"),
        (s.PLAN_VASTGESTELD, vier_weken, "r.plan_vastgesteld_datum", "TRUE", "r.peildatum"),
        (s.STARTOVERLEG, vier_weken, "r.startoverleg_datum", "TRUE", "r.peildatum"),
        (s.MDO,
         "CASE WHEN r.plan_vastgesteld_datum IS NOT NULL THEN "
         + volgende_werkdag_sql("GREATEST(r.plan_vastgesteld_datum, r.laatste_mdo_datum) + 42")
         + " END", "NULL::date", "TRUE", "r.peildatum"),
        (s.TRAJECTGESPREK,
         "CASE WHEN COALESCE(r.gespreksfrequentie_weken, 0) <> 0 THEN "
         + volgende_werkdag_sql(
             "r.laatste_trajectgesprek_datum + 7 * r.gespreksfrequentie_weken"
         )
         + " END", "NULL::date", "TRUE", "r.peildatum"),
        (s.UITSTROOMOVERLEG,
         "CASE WHEN r.verwachte_uitstroom_datum IS NOT NULL THEN GREATEST("
         + plus_werkdagen_sql("r.verwachte_uitstroom_datum", n_uitstroomoverleg)
         + ", r.binnenkomst_datum) END", "r.uitstroomoverleg_datum", "FALSE", "r.peildatum"),
        (s.ONTVANGST,
         f"CASE WHEN r.gemeente_id IS NOT NULL AND r.gezien_datum IS NULL THEN {ontvangst} END",
         "NULL::date", "FALSE", "%s::date"),
        (s.ONTVANGST_ESCALATIE,
         f"CASE WHEN r.gemeente_id IS NOT NULL AND r.gezien_datum IS NULL THEN {escalatie} END",
         "NULL::date", "FALSE", "%s::date"),
    ]  # fmt: skip
    waarden = ",\n".join(
        f"(%s, {uiterlijk}, {gebeurd}, {vervalt}, {peil})"
        for _soort, uiterlijk, gebeurd, vervalt, peil in termijnen
    )
    params: list[Any] = []
    for soort, *_rest, peil in termijnen:
        params.append(str(soort))
        if peil == "%s::date":
            params.append(vandaag)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE scan_gemist ON COMMIT DROP AS
            SELECT r.id AS traject_id, t.soort::text AS soort, t.uiterlijk
            FROM scan_rij r
            CROSS JOIN LATERAL (VALUES {waarden}) AS t(soort, uiterlijk, gebeurd, vervalt, peil)
            WHERE t.uiterlijk IS NOT NULL
              AND t.gebeurd IS NULL
              AND NOT (t.vervalt AND r.uitstroom_datum IS NOT NULL
                       AND r.uitstroom_datum < t.uiterlijk)
              AND t.peil > t.uiterlijk
            """,  # noqa: S608 - our own SQL; values are parameters
            params,
        )
        # Looked up per open flag in `_los_op`: with an index and statistics the lookup stays
        # an index probe whatever the planner guesses for the open flags (a nested loop over
        # an unindexed temporary table cost 1.4 s at 10 % volume).
        cursor.execute("CREATE INDEX ON scan_gemist (traject_id, soort, uiterlijk)")
        cursor.execute("ANALYZE scan_gemist")


def _los_op(vandaag: date, nu: datetime) -> tuple[list[tuple[int, str, date]], int]:
    """Resolve the open flags of the trajectories in detention whose event has since been
    recorded; let lapse those whose deadline is no longer missed on today's data (a corrected
    binnenkomst date, a changed gemeente: ADR 0009) and the meeting flags of released
    trajectories. Three UPDATEs; returns the changed flags and how many stay open."""
    soorten = [str(k) for k in OPLOSSER]
    opgelost_sql = (
        "CASE s.soort "
        + " ".join(f"WHEN '{soort}' THEN {expr}" for soort, expr in OPLOSSER.items())
        + " END"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE signalering_signalering AS z
               SET opgelost_datum = g.datum, opgelost_op = %s
              FROM (SELECT s.id, {opgelost_sql} AS datum
                      FROM signalering_signalering s JOIN scan_rij r ON r.id = s.traject_id
                     WHERE s.opgelost_datum IS NULL AND s.actie_id IS NULL
                       AND s.soort = ANY(%s)) AS g
             WHERE z.id = g.id AND g.datum IS NOT NULL
            RETURNING z.traject_id, z.soort, z.uiterlijk
            """,  # noqa: S608 - kinds and expressions are constants of this module
            [nu, soorten],
        )
        opgelost = cursor.fetchall()
        cursor.execute(
            """
            UPDATE signalering_signalering AS s
               SET opgelost_datum = %s, opgelost_op = %s, vervallen = TRUE
              FROM scan_rij r
             WHERE r.id = s.traject_id AND s.opgelost_datum IS NULL AND s.actie_id IS NULL
               AND s.soort = ANY(%s)
               AND NOT EXISTS (SELECT 1 FROM scan_gemist g WHERE g.traject_id = s.traject_id
                               AND g.soort = s.soort AND g.uiterlijk = s.uiterlijk)
            RETURNING s.traject_id, s.soort, s.uiterlijk
            """,
            [vandaag, nu, soorten],
        )
        opgelost += cursor.fetchall()
        # Meeting flags of trajectories released since: lapsed, never to chase after the gate.
        cursor.execute(
            """
            UPDATE signalering_signalering AS s
               SET opgelost_datum = %s, opgelost_op = %s, vervallen = TRUE
              FROM trajecten_traject t
             WHERE t.id = s.traject_id AND t.uitstroom_datum IS NOT NULL
               AND s.opgelost_datum IS NULL AND s.soort = ANY(%s)
            RETURNING s.traject_id, s.soort, s.uiterlijk
            """,
            [vandaag, nu, [str(k) for k in VERVALT_BIJ_UITSTROOM]],
        )
        opgelost += cursor.fetchall()
        cursor.execute(
            """
            SELECT count(*) FROM signalering_signalering s JOIN scan_rij r ON r.id = s.traject_id
             WHERE s.opgelost_datum IS NULL AND s.actie_id IS NULL AND s.soort = ANY(%s)
            """,
            [soorten],
        )
        open_ = cursor.fetchone()[0]
    return opgelost, open_


def _rijen_van(traject_ids: Iterable[int]) -> dict[int, SimpleNamespace]:
    """The scan's rows of the trajectories with new flags, for their notifications."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, pi_id, casemanager_id, gemeente_id FROM scan_rij WHERE id = ANY(%s)",
            [list(set(traject_ids))],
        )
        return {
            r[0]: SimpleNamespace(pk=r[0], pi_id=r[1], casemanager_id=r[2], gemeente_id=r[3])
            for r in cursor.fetchall()
        }


@transaction.atomic
def scan(*, vandaag: date) -> Scanresultaat:
    """Flag every missed ten-day and four-week deadline and every unacknowledged detention,
    resolve flags whose event has since been recorded, let lapse (`vervallen`) flags whose
    deadline is no longer missed on today's data (a correction moved it), and notify the people
    responsible for new flags. Overdue actions likewise, one flag per action
    (`acties.scan_acties`). Set-based (issue 18, ADR 0026): the deadlines are computed in SQL on
    the working-day calendar table over the trajectories in detention, flags inserted in one
    INSERT … SELECT … ON CONFLICT DO NOTHING, resolved and lapsed in three UPDATEs; the cost
    follows the active trajectories, not history. Idempotent: a second run, a concurrent run or
    a rerun after a killed worker gives the same flags (unique constraint, ON CONFLICT DO
    NOTHING, advisory lock)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCAN_LOCK])
    zorg_voor_kalender(vandaag)
    _maak_scanrijen(vandaag)
    _maak_gemist(vandaag)
    nieuw = [
        (i, t, s, u)
        for i, t, _a, s, u in voeg_in_uit(
            "SELECT traject_id, NULL::bigint, soort, uiterlijk FROM scan_gemist",
            [],
            vandaag=vandaag,
        )
    ]
    pauze = float(os.environ.get("SIGNALERING_PAUZE_NA_INVOEGEN", "0"))
    if pauze:  # lets the kill-mid-run test stop a worker inside this transaction
        time.sleep(pauze)

    resultaat = Scanresultaat(datum=vandaag, nieuw=[(t, s, u) for _id, t, s, u in nieuw])
    nu = timezone.now()
    resultaat.opgelost, resultaat.open = _los_op(vandaag, nu)
    _notificeer(nieuw, _rijen_van(t for _i, t, _s, _u in nieuw))
    nieuw_acties, opgelost_acties, open_acties = scan_acties(vandaag=vandaag, nu=nu)
    resultaat.nieuw += nieuw_acties
    resultaat.opgelost += opgelost_acties
    resultaat.open += open_acties
    uitkering = scan_uitkeringsaanvragen(vandaag=vandaag)
    resultaat.nieuw += uitkering.nieuw
    resultaat.opgelost += uitkering.opgelost
    resultaat.open += uitkering.open
    overdrachten = scan_overdrachten(vandaag=vandaag)
    resultaat.nieuw += overdrachten.nieuw
    resultaat.opgelost += overdrachten.opgelost
    resultaat.open += overdrachten.open
    if len(resultaat.nieuw) > ANALYSEER_NA_NIEUW:
        transaction.on_commit(_analyseer_signaleringen)
    return resultaat


# After a scan that inserted more flags than this (the first scan at go-live, a catch-up after
# days without one) the flag tables are analysed at once, not when autovacuum comes round:
# until then PostgreSQL estimates the open flags at a handful and plans the next scan's
# resolving UPDATEs as nested loops over tens of thousands (issue 18, ADR 0026).
ANALYSEER_NA_NIEUW = 1000


def _analyseer_signaleringen() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE signalering_signalering, signalering_notificatie")
    except DatabaseError:  # statistics are an optimisation: the committed scan stands
        logger.warning("ANALYZE na de scan mislukt", exc_info=True)


def begin_scanrun(*, vandaag: date) -> None:
    """Record that today's scan begins (committed at once, before the scan's own transaction),
    so a run that never completes is visible to the catch-up runs."""
    with transaction.atomic():
        run, _nieuw = Scanrun.objects.select_for_update().get_or_create(
            datum=vandaag, defaults={"begonnen_op": timezone.now()}
        )
        run.begonnen_op = timezone.now()
        run.pogingen = F("pogingen") + 1
        run.save(update_fields=["begonnen_op", "pogingen"])


def voltooi_scanrun(*, vandaag: date) -> None:
    """Today's flags and digests are committed: the catch-up runs have nothing left to do."""
    Scanrun.objects.filter(datum=vandaag).update(voltooid_op=timezone.now())


def scan_nodig(*, vandaag: date, bezig_minuten: int) -> bool:
    """Whether a catch-up run should scan: today's scan never completed, and did not begin in
    the last `bezig_minuten` minutes (a run that began then is taken as still at work; one that
    began longer ago and never completed was killed)."""
    run = Scanrun.objects.filter(datum=vandaag).first()
    if run is None:
        return True
    if run.voltooid_op is not None:
        return False
    return run.begonnen_op < timezone.now() - timedelta(minutes=bezig_minuten)


def _notificeer(nieuw: list[tuple[int, int, str, date]], per_traject: dict) -> None:
    """Missed screening or plan → casemanager; missed startoverleg → casemanager and the
    gemeente (its nazorgcoördinatoren in the app, its contact point by e-mail); no
    acknowledgement → the gemeente; still none → the PI's staffunctionaris. A person whose
    account is inactive is replaced by the PI's active staffunctionarissen."""
    if not nieuw:
        return
    gemeenten = {per_traject[t].gemeente_id for _i, t, _s, _u in nieuw} - {None}
    pis = {per_traject[t].pi_id for _i, t, _s, _u in nieuw}
    nazorg = defaultdict(list)
    for m in Medewerker.objects.filter(
        rol=Rol.NAZORGCOORDINATOR, organisatie_id__in=gemeenten, is_active=True
    ).values("pk", "organisatie_id"):
        nazorg[m["organisatie_id"]].append(m["pk"])
    staf = defaultdict(list)
    for m in Medewerker.objects.filter(
        rol=Rol.STAFFUNCTIONARIS, organisatie_id__in=pis, is_active=True
    ).values("pk", "organisatie_id"):
        staf[m["organisatie_id"]].append(m["pk"])
    punten = defaultdict(list)
    for cp in (
        Contactpunt.objects.filter(organisatie_id__in=gemeenten)
        .exclude(email="")
        .values("pk", "organisatie_id")
    ):
        punten[cp["organisatie_id"]].append(cp["pk"])

    paren: list[tuple[int, int | None, int | None]] = []
    notificaties = []
    for sig_id, traject_id, soort, _u in nieuw:
        rij = per_traject[traject_id]
        personen, contactpunten = [], []
        if soort in (
            Signaleringssoort.CONTACT_GEMEENTE,
            Signaleringssoort.PLAN_VASTGESTELD,
            Signaleringssoort.STARTOVERLEG,
            *VERVALT_BIJ_UITSTROOM,
        ):
            personen.append(rij.casemanager_id)
        if soort in (Signaleringssoort.STARTOVERLEG, Signaleringssoort.ONTVANGST):
            personen += nazorg[rij.gemeente_id]
            contactpunten += punten[rij.gemeente_id]
        if soort == Signaleringssoort.ONTVANGST_ESCALATIE:
            personen += staf[rij.pi_id]
        paren += [(sig_id, p, rij.pi_id) for p in set(personen)]
        notificaties += [
            Notificatie(signalering_id=sig_id, contactpunt_id=c) for c in contactpunten
        ]
    # An inactive casemanager's flag goes to the PI's staffunctionarissen, not to nobody.
    notificaties += [
        Notificatie(signalering_id=s, ontvanger_id=p) for s, p in vervang_inactieven(paren)
    ]
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)


def _digesttekst(notificaties) -> str:
    basis = settings.SITE_URL.rstrip("/")
    gebeurtenissen = [n.gebeurtenis for n in notificaties if n.gebeurtenis_id]
    signaleringen = [n.signalering for n in notificaties if n.signalering_id]
    regels = [_("Goedemorgen,"), ""]
    if gebeurtenissen:
        regels += [_("Wat er in de re-integratietrajecten is gebeurd:"), ""]
        for g in gebeurtenissen:
            regels.append(
                _("- %(omschrijving)s: traject %(id)s. %(url)s")
                % {
                    "omschrijving": g.omschrijving,
                    "id": g.traject_id,
                    "url": basis + reverse("trajecten:detail", args=[g.traject_id]),
                }
            )
        regels.append("")
    if signaleringen:
        regels += [_("Deze termijnen in de re-integratietrajecten vragen uw aandacht:"), ""]
    for sig in signaleringen:
        if sig.soort == Signaleringssoort.OVERPLAATSING:
            regel = _("- Overgeplaatst naar een andere inrichting: traject %(id)s, per %(datum)s.")
            url = basis + reverse("trajecten:detail", args=[sig.traject_id])
            datum = sig.uiterlijk.strftime("%d-%m-%Y")
            regels.append(f"{regel % {'id': sig.traject_id, 'datum': datum}} {url}")
            continue
        regels.append(
            _("- %(soort)s: traject %(id)s, termijn was %(datum)s. %(url)s")
            % {
                "soort": sig.get_soort_display(),
                "id": sig.traject_id,
                "datum": sig.uiterlijk.strftime("%d-%m-%Y"),
                "url": basis + reverse("trajecten:detail", args=[sig.traject_id]),
            }
        )
    regels += [
        "",
        _("Namen staan niet in deze e-mail; log in om het traject te openen."),
        _("Kiezen welke meldingen u per e-mail krijgt: %(url)s")
        % {"url": basis + reverse("signalering:instellingen")},
    ]
    return "\n".join(regels)


@transaction.atomic
def stel_digests_op(*, vandaag: date) -> list[int]:
    """One daily digest per address, never one mail per notification: the flags and events
    whose channel is the digest (each person's preference, else the role's default; a contact
    point always gets the digest). What a person keeps in the app stays there; what arrives after
    today's digest went out waits for tomorrow's. A rerun adds nothing twice: a notification
    belongs to at most one message. Two runs at once (two overlapping scans) take turns on an
    advisory lock: the second finds the first's messages instead of creating them again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DIGEST_LOCK])
    notificaties = list(
        Notificatie.objects.filter(bericht__isnull=True).select_related(
            "signalering", "gebeurtenis", "ontvanger", "contactpunt"
        )
    )
    kanaal = voorkeuren.kanalen({n.ontvanger for n in notificaties if n.ontvanger is not None})
    per_adres = defaultdict(list)
    for n in notificaties:
        if n.ontvanger is not None:
            m = n.ontvanger
            soort = n.gebeurtenis.soort if n.gebeurtenis is not None else SIGNALERINGEN
            if not (m.email and m.is_active) or kanaal[(m.pk, soort)] != Kanaal.DIGEST:
                continue
            adres = m.email.lower()
        else:
            # notificatie_voor_persoon_of_contactpunt: no person, so a contact point
            assert n.contactpunt is not None
            adres = n.contactpunt.email.lower()
        per_adres[adres].append(n)
    bestaand = {
        b.aan: b
        for b in Bericht.objects.filter(soort=Berichtsoort.DIGEST, datum=vandaag, aan__in=per_adres)
    }
    klaar = []
    for adres, lijst in per_adres.items():
        bericht = bestaand.get(adres)
        if bericht is not None and bericht.status != Berichtstatus.WACHTEND:
            continue
        if bericht is None:
            bericht = Bericht.objects.create(
                aan=adres,
                soort=Berichtsoort.DIGEST,
                datum=vandaag,
                onderwerp=_("Meldingen en termijnen — %(datum)s")
                % {"datum": vandaag.strftime("%d-%m-%Y")},
                tekst="",
            )
        Notificatie.objects.filter(pk__in=[n.pk for n in lijst]).update(bericht=bericht)
        alle = bericht.notificaties.select_related("signalering", "gebeurtenis").order_by(
            "gebeurtenis__aangemaakt_op", "signalering__uiterlijk", "pk"
        )
        bericht.tekst = _digesttekst(alle)
        bericht.save(update_fields=["tekst"])
        klaar.append(bericht.pk)
    return klaar


def verstuur(*, bericht_id: int) -> bool:
    """Send one digest. True when sent (or already sent); False when sending failed — the
    error and the attempt are recorded, and after MAX_POGINGEN the message is 'mislukt', visible
    in the admin, never silently dropped."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(pk=bericht_id, status=Berichtstatus.WACHTEND)
            .first()
        )
        if bericht is None:
            return True
        bericht.pogingen = F("pogingen") + 1
        try:
            send_mail(bericht.onderwerp, bericht.tekst, None, [bericht.aan])
        except Exception as fout:
            logger.warning("Bericht %s niet verzonden: %s", bericht_id, fout)
            bericht.laatste_fout = f"{type(fout).__name__}: {fout}"[:2000]
            bericht.save(update_fields=["pogingen", "laatste_fout"])
            bericht.refresh_from_db(fields=["pogingen"])
            if bericht.pogingen >= MAX_POGINGEN:
                bericht.status = Berichtstatus.MISLUKT
                bericht.save(update_fields=["status"])
            return False
        bericht.status = Berichtstatus.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.save(update_fields=["pogingen", "status", "verzonden_op"])
        return True


def wachtende_berichten() -> list[int]:
    return list(
        Bericht.objects.filter(status=Berichtstatus.WACHTEND)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def markeer_gelezen(*, acting_user: Medewerker, notificatie_ids: list[int] | None = None) -> int:
    qs = Notificatie.objects.filter(ontvanger=acting_user, gelezen_op__isnull=True)
    if notificatie_ids is not None:
        qs = qs.filter(pk__in=notificatie_ids)
    return qs.update(gelezen_op=timezone.now())


@transaction.atomic
def bewaar_voorkeuren(*, acting_user: Medewerker, keuzes: dict[str, str]) -> dict[str, str]:
    """Save how the person hears of each kind (Meldingsvoorkeur), for their own account only:
    every logged-in person may set their own. Every kind needs a valid channel, else nothing is
    saved and each wrong kind gets a Dutch message at its field. Returns all channels."""
    eis(acting_user.is_authenticated and acting_user.is_active)
    fouten = {
        soort: _("Kies hoe u over deze meldingen hoort.")
        for soort in voorkeuren.SOORTEN
        if keuzes.get(soort) not in Kanaal.values
    }
    if fouten:
        raise ValidationError(fouten)
    for soort in voorkeuren.SOORTEN:
        Meldingsvoorkeur.objects.update_or_create(
            medewerker=acting_user, soort=soort, defaults={"kanaal": keuzes[soort]}
        )
    Auditregel.objects.create(
        gebruiker=acting_user,
        gebruikersnaam=acting_user.username,
        organisatie=str(acting_user.organisatie or ""),
        rol=acting_user.rol,
        actie=Auditactie.SCHRIJVEN,
        object_type="meldingsvoorkeur",
        object_id=str(acting_user.pk),
        toelichting=", ".join(f"{s}={k}" for s, k in sorted(keuzes.items())),
    )
    return voorkeuren.voorkeuren_van(acting_user)


@transaction.atomic
def meld_overplaatsing(*, traject_id: int, gemeente_id: int | None, datum: date) -> int:
    """Tell the gemeente a trajectory moved to another PI: an event row (created resolved, so no
    scan or escalation picks it up) with a notification for each active nazorgcoördinator of
    the gemeente (the bell) and its e-mail contact points (the daily digest). Runs inside the
    overplaatsing's transaction (receiver of trajecten.signalen.traject_overgeplaatst)."""
    if gemeente_id is None:
        return 0
    vandaag = timezone.localdate()
    sig, _nieuw = Signalering.objects.get_or_create(
        traject_id=traject_id,
        soort=Signaleringssoort.OVERPLAATSING,
        uiterlijk=datum,
        defaults={
            "gesignaleerd_datum": vandaag,
            "opgelost_datum": vandaag,
            "opgelost_op": timezone.now(),
        },
    )
    personen = Medewerker.objects.filter(
        rol=Rol.NAZORGCOORDINATOR, organisatie_id=gemeente_id, is_active=True
    ).values_list("pk", flat=True)
    punten = (
        Contactpunt.objects.filter(organisatie_id=gemeente_id)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    notificaties = [Notificatie(signalering=sig, ontvanger_id=p) for p in personen] + [
        Notificatie(signalering=sig, contactpunt_id=c) for c in punten
    ]
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)
    return len(notificaties)


@transaction.atomic
def annuleer_berichten(*, acting_user: Medewerker, bericht_ids: Iterable[int]) -> int:
    """The functional administrator cancels waiting or failed messages instead of deleting them
    (issue 17): they stay in the outbox with their history and are never sent."""
    if not (acting_user.is_superuser or acting_user.rol == Rol.FUNCTIONEEL_BEHEERDER):
        raise PermissionDenied
    ids = list(
        Bericht.objects.select_for_update()
        .filter(
            pk__in=list(bericht_ids), status__in=[Berichtstatus.WACHTEND, Berichtstatus.MISLUKT]
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Bericht.objects.filter(pk__in=ids).update(status=Berichtstatus.GEANNULEERD)
    # Who cancelled which message is in the audit trail, in the same transaction (issue 17).
    beheeractie(
        door=acting_user, object_type="bericht", object_ids=ids, toelichting=_("geannuleerd")
    )
    return len(ids)
