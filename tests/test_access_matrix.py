"""The route × role matrix: every URL pattern of the project has an entry here, and each entry
says what every demo role (and an anonymous visitor) gets. A new URL without an entry fails."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANONIEM = "anoniem"
ACCOUNTS = [
    "casemanager1",
    "casemanager2",
    "mentor1",
    "reclassering1",
    "nazorg1",
    "nazorg2",
    "staf1",
    "beheer1",
]
IEDEREEN = [ANONIEM, *ACCOUNTS]


def alle(status: int, **uitzonderingen: int) -> dict[str, int]:
    return {wie: uitzonderingen.get(wie, status) for wie in IEDEREEN}


# name -> (kwargs for reverse, expected status per visitor) for a GET request
MATRIX: dict[str, tuple[dict, dict[str, int]]] = {
    # Each role is sent to its day's work (caseload, inbox, clients); staf and beheer land here.
    "home": (
        {},
        alle(302, staf1=200, beheer1=200),
    ),
    "login": ({}, alle(302, anoniem=200)),  # logged in: straight to your home page
    "logout": ({}, alle(405, anoniem=302)),  # only POST logs out
    "healthz": ({}, alle(200)),
    "adresboek": ({}, alle(200, anoniem=302)),  # the contact directory: every role
    # Issue 12: the functional administrator invites a gemeente's first nazorgcoördinator.
    "uitnodigingen": ({}, alle(403, anoniem=302, beheer1=200)),
    # The accept page needs no login; an unknown token is 410 for everyone (same as used or
    # expired, tests/ketenpartners/test_uitnodigingen.py).
    "uitnodiging_aannemen": ({"token": "onbekend"}, alle(410)),
    # Issue 17: the second factor. Demo accounts have none (MFA_VEREIST is off in tests), so
    # the code page sends to enrolment and the recovery codes (shown once) to the home page.
    "mfa_instellen": ({}, alle(200, anoniem=302)),
    "mfa_code": ({}, alle(302)),
    "mfa_herstelcodes": ({}, alle(302)),
    "sessie_verlengen": ({}, alle(405, anoniem=302)),  # "Blijf ingelogd" is a POST
    # The admin's login sends to /inloggen/; logged in without admin rights: 403, no loop.
    "beheer_login": ({}, alle(403, anoniem=302)),
    # Issue 17 item 5: the subject-access export (a form; the download is a POST).
    "bewaring:inzageverzoek": ({}, alle(403, anoniem=302, beheer1=200)),
}
ZIEN = alle(
    404, anoniem=302, casemanager1=200, mentor1=200, reclassering1=200, nazorg1=200, staf1=200
)
BEWERKEN = {**ZIEN, **{wie: 403 for wie, s in ZIEN.items() if s == 200}, "casemanager1": 200}
BIJWERKEN = {**BEWERKEN, "mentor1": 200}
ALLEEN_POST = alle(405, anoniem=302)
T = "traject"  # placeholder replaced by the fixture's pk
MATRIX.update(
    {
        "trajecten:caseload": ({}, alle(200, anoniem=302)),
        "trajecten:intake": ({}, alle(403, anoniem=302, casemanager1=200, casemanager2=200)),
        "trajecten:detail": ({"pk": T}, ZIEN),
        "trajecten:gegevens": ({"pk": T}, BEWERKEN),
        "trajecten:corrigeren": ({"pk": T}, BEWERKEN),
        "trajecten:overplaatsen": ({"pk": T}, BEWERKEN),
        "trajecten:terugkeergemeente": ({"pk": T}, BEWERKEN),
        "trajecten:basisvoorwaarde": ({"pk": T, "domein": "huisvesting"}, BIJWERKEN),
        "trajecten:actie_toevoegen": ({"pk": T, "domein": "huisvesting"}, ALLEEN_POST),
        # The status of an action is a POST (in place or plain); tests/trajecten/test_acties.py
        # covers who may (403 for a partner who sees the case, 404 through the door).
        "trajecten:actie_status": ({"pk": T, "actie_pk": 1}, ALLEEN_POST),
        # Every role that holds actions of its organisation; not staf, not beheer.
        "trajecten:mijn_acties": (
            {},
            alle(
                403,
                anoniem=302,
                staf1=403,
                beheer1=403,
                **{
                    wie: 200
                    for wie in (
                        "casemanager1",
                        "casemanager2",
                        "mentor1",
                        "reclassering1",
                        "nazorg1",
                        "nazorg2",
                    )
                },
            ),
        ),
        "trajecten:voorbereiding_toevoegen": ({"pk": T, "domein": "id_bewijs"}, ALLEEN_POST),
        # A release preparation the gemeente arranges: the PI and that gemeente update it.
        "trajecten:voorbereiding": (
            {"pk": T, "domein": "id_bewijs", "vpk": "voorbereiding"},
            {**BIJWERKEN, "nazorg1": 200},
        ),
        "trajecten:contactmoment": ({"pk": T}, {**BIJWERKEN, "nazorg1": 200, "reclassering1": 200}),
        # Issue 12: how a gemeente outside the app was reached (PI staff who update the case).
        "trajecten:gemeente_bereikt": ({"pk": T}, BIJWERKEN),
        "trajecten:gesprek_plannen": ({"pk": T}, BEWERKEN),
        "trajecten:gesprek_ics": ({"pk": T, "gesprek_pk": "gesprek"}, ZIEN),
        "trajecten:gesprek_verslag": ({"pk": T, "gesprek_pk": "gesprek"}, BEWERKEN),
        "trajecten:plan": ({"pk": T}, BEWERKEN),
        "trajecten:plan_vaststellen": ({"pk": T}, BEWERKEN),
        "trajecten:informatieblad": ({"pk": T}, ZIEN),
        "trajecten:informatieblad_delen": ({"pk": T}, ALLEEN_POST),
        "trajecten:risicos": ({"pk": T}, BEWERKEN),
        # Issue 17: the casemanager and the PI's staffunctionaris restrict a case.
        "trajecten:beperken": ({"pk": T}, {**BEWERKEN, "staf1": 200}),
        "trajecten:uitstroom": ({"pk": T}, BEWERKEN),
        # Step 2 of release: without the answers of step 1 (the session) back to step 1.
        "trajecten:uitstroom_controleren": ({"pk": T}, {**BEWERKEN, "casemanager1": 302}),
        # The concept handover exists only for who may change the case (issue 12).
        "trajecten:overdracht_concept": ({"pk": T}, alle(404, anoniem=302, casemanager1=200)),
        "trajecten:inzage": ({"pk": T}, BEWERKEN),
        "trajecten:document_informatieblad_pdf": ({"pk": T}, ZIEN),
        "trajecten:document_overdracht": ({"pk": T}, ZIEN),
        # No handover yet on the fixture: 404 for all; tests/documenten cover it after release.
        "trajecten:document_overdracht_pdf": ({"pk": T}, alle(404, anoniem=302)),
        # Issue 15: the person's own plan, for the PI's casemanager and mentor only; a partner
        # who sees the case, staff and another PI get 404 (tests/trajecten/test_mijn_plan.py).
        "trajecten:mijn_plan": ({"pk": T}, alle(404, anoniem=302, casemanager1=200, mentor1=200)),
        "trajecten:mijn_plan_pdf": (
            {"pk": T},
            alle(404, anoniem=302, casemanager1=200, mentor1=200),
        ),
        "audit:overzicht": ({}, alle(403, anoniem=302, beheer1=200)),
        # Issue 12: the receipt is a POST (tests/trajecten/test_nazorgfase.py covers who may);
        # closing the nazorg phase is for the party with case direction after release, so on
        # a case in detention everyone who sees it gets 403 and the rest the door's 404.
        "trajecten:overdracht_ontvangen": ({"pk": T}, ALLEEN_POST),
        "trajecten:nazorg_afsluiten": (
            {"pk": T},
            {**ZIEN, **{wie: 403 for wie, s in ZIEN.items() if s == 200}},
        ),
        "nazorg:inbox": ({}, alle(403, anoniem=302, nazorg1=200, nazorg2=200)),
        "nazorg:contactpunt": ({}, alle(403, anoniem=302, nazorg1=200, nazorg2=200)),
        "nazorg:gezien": ({"pk": T}, ALLEEN_POST),
        # Screens of one role check the role first (403), then the door (404 for another gemeente).
        "nazorg:oppakken": ({"pk": T}, alle(403, anoniem=302, nazorg1=200, nazorg2=404)),
        "nazorg:actie": ({"pk": T}, alle(403, anoniem=302, nazorg1=200, nazorg2=404)),
        "nazorg:niet_onze_gemeente": (
            {"pk": T},
            alle(403, anoniem=302, nazorg1=200, nazorg2=404),
        ),
        "reclassering:clienten": ({}, alle(403, anoniem=302, reclassering1=200)),
        "reclassering:advies": ({"pk": T}, alle(403, anoniem=302, reclassering1=200)),
        "signalering:meldingen": ({}, alle(200, anoniem=302)),
        "signalering:gelezen": ({}, ALLEEN_POST),
        # Everyone logged in sets how they hear of notifications (issue 12).
        "signalering:instellingen": ({}, alle(200, anoniem=302)),
        "signalering:escalaties": ({}, alle(403, anoniem=302, staf1=200)),
        "dashboard:overzicht": ({}, alle(403, anoniem=302, staf1=200)),
        "dashboard:csv": ({"tabel": "termijnen"}, alle(403, anoniem=302, staf1=200)),
        "dashboard:zonder_bereik": ({}, alle(403, anoniem=302, staf1=200)),
        # Caseload continuity (issue 12): the staffunctionaris of the own PI only.
        "dashboard:caseload_overdragen": ({}, alle(403, anoniem=302, staf1=200)),
        "dashboard:caseloadnorm": ({}, alle(403, anoniem=302, staf1=200)),
    }
)

API_ZIEN = {**ZIEN, "anoniem": 401}
MATRIX.update(
    {
        "api:traject-list": ({}, alle(200, anoniem=401)),
        "api:traject-detail": ({"pk": T}, API_ZIEN),
        "api:traject-basisvoorwaarden": ({"pk": T}, API_ZIEN),
        # GET gives the ETag a PATCH needs as If-Match (ADR 0010).
        "api:traject-basisvoorwaarde": ({"pk": T, "domein": "huisvesting"}, API_ZIEN),
        "api:traject-acties": ({"pk": T}, API_ZIEN),
        # GET gives the ETag a PATCH needs; PATCH is for the holding organisation only.
        "api:traject-actie": ({"pk": T, "actie_id": "actie"}, API_ZIEN),
        "api:traject-trajectgesprekken": ({"pk": T}, API_ZIEN),
        "api:contactpunt-list": ({}, alle(200, anoniem=401)),
        "api:signalering-list": ({}, alle(200, anoniem=401)),
        "api:melding-list": ({}, alle(405, anoniem=401)),
        # An address under /api/v1/ without an operation: a 404 problem (ADR 0022).
        "api:onbekend": ({}, alle(404, anoniem=401)),
        "api:schema": ({}, alle(200, anoniem=401)),
        "api:docs": ({}, alle(200, anoniem=401)),
        # Issue 16: subscriptions belong to a system's key (abonnementen:beheren); a browser
        # session gets 403 (tests/abonnementen cover keys: own organisation only, else 404).
        "api:abonnement-list": ({}, alle(403, anoniem=401)),
        "api:abonnement-detail": ({"pk": 1}, alle(403, anoniem=401)),
        "api:abonnement-afleveringen": ({"pk": 1}, alle(403, anoniem=401)),
        "api:abonnement-geheim-vernieuwen": ({"pk": 1}, alle(403, anoniem=401)),
        "api:abonnement-hervatten": ({"pk": 1}, alle(403, anoniem=401)),
        # The gemeente's acknowledgement is a POST (tests/abonnementen: who may).
        "api:traject-gezien": ({"pk": T}, alle(405, anoniem=401)),
    }
)

# The admin site is one door: only the functional administrator gets in, everyone else is
# sent to its login. Its many generated routes are covered by this namespace rule.
NAMESPACE_REGELS = {"admin": ("admin:index", alle(302, beheer1=200))}


def _routes(resolver: URLResolver, namespace: str = ""):
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            ns = patroon.namespace or ""
            yield from _routes(patroon, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(patroon, URLPattern):
            yield namespace, patroon


def test_every_route_has_an_entry_in_the_matrix():
    zonder = []
    for namespace, patroon in _routes(get_resolver()):
        ns = namespace.rstrip(":").split(":")[0]
        if ns in NAMESPACE_REGELS:
            continue
        if not patroon.name or f"{namespace}{patroon.name}" not in MATRIX:
            zonder.append(f"{namespace}{patroon.name or patroon.pattern}")
    assert zonder == [], f"Routes zonder regel in de toegangsmatrix: {zonder}"


def _checks():
    for naam, (kwargs, verwacht) in MATRIX.items():
        for wie, status in verwacht.items():
            yield pytest.param(naam, kwargs, wie, status, id=f"{naam}-{wie}")
    for ns, (naam, verwacht) in NAMESPACE_REGELS.items():
        for wie, status in verwacht.items():
            yield pytest.param(naam, {}, wie, status, id=f"{ns}-{wie}")


def _voorbereiding_van_de_gemeente(traject) -> int:
    from ketenpartners.models import Organisatie
    from trajecten.models import Voorbereiding, VoorbereidingSoort

    return Voorbereiding.objects.create(
        basisvoorwaarde=traject.basisvoorwaarden.get(domein="id_bewijs"),
        soort=VoorbereidingSoort.objects.get(naam="ID-bewijs aangevraagd"),
        organisatie=Organisatie.objects.get(code="GM0153"),
    ).pk


@pytest.mark.django_db
@pytest.mark.parametrize(("naam", "kwargs", "wie", "status"), list(_checks()))
def test_route_answers_each_role_as_the_matrix_says(
    client, demo, traject, naam, kwargs, wie, status
):
    echte = {"traject": traject.pk, "gesprek": traject.gesprekken.get().pk}
    if "actie" in kwargs.values():
        from trajecten import services

        echte["actie"] = services.voeg_actie_toe(
            acting_user=demo["casemanager1"],
            basisvoorwaarde=traject.basisvoorwaarden.get(domein="huisvesting"),
            omschrijving="Huur doorbetalen",
            organisatie=traject.pi,
        ).pk
    if "voorbereiding" in kwargs.values():
        echte["voorbereiding"] = _voorbereiding_van_de_gemeente(traject)
    kwargs = {k: echte.get(v, v) for k, v in kwargs.items()}
    if wie != ANONIEM:
        client.force_login(demo[wie])
    response = client.get(reverse(naam, kwargs=kwargs))
    assert response.status_code == status
