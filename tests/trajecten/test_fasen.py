"""The phase table (keuzes.FASE_OVERGANGEN) is the only way a phase changes: every pair of phases
is tried, through the one function and through the casemanager's own 'change phase' service, and
no module outside trajecten/services/_gedeeld.py assigns a phase."""

import ast
from datetime import date, timedelta
from itertools import product
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import FASE_OVERGANGEN, IN_DETENTIE, Fase, Regie
from trajecten.models import Traject

pytestmark = pytest.mark.django_db

ALLE_PAREN = list(product(Fase.values, Fase.values))


def _traject_in(fase: str, user) -> Traject:
    binnen = timezone.localdate() - timedelta(days=20)
    traject = services.neem_op(
        acting_user=user,
        voornamen="Fenna",
        achternaam="Faber",
        geboortedatum=date(1990, 1, 1),
        binnenkomst_datum=binnen,
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    # Test setup only: put the trajectory in the starting phase without going through the table.
    uitstroom = None if fase in IN_DETENTIE else binnen + timedelta(days=10)
    Traject.objects.filter(pk=traject.pk).update(fase=fase, uitstroom_datum=uitstroom)
    traject.refresh_from_db()
    return traject


@pytest.mark.parametrize(("van", "naar"), ALLE_PAREN, ids=[f"{v}->{n}" for v, n in ALLE_PAREN])
def test_naar_fase_allows_exactly_the_table(demo, van, naar):
    traject = _traject_in(van, demo["casemanager1"])
    if traject.uitstroom_datum is None and naar not in IN_DETENTIE:
        traject.uitstroom_datum = timezone.localdate()
    if naar in FASE_OVERGANGEN[van]:
        services.naar_fase(traject, naar, ook_opslaan=("uitstroom_datum",))
        traject.refresh_from_db()
        assert traject.fase == naar
    else:
        with pytest.raises(services.OngeldigeFaseovergang) as fout:
            services.naar_fase(traject, naar, ook_opslaan=("uitstroom_datum",))
        assert fout.value.message_dict == {
            "fase": [f"Van {Fase(van).label} naar {Fase(naar).label} kan niet."]
        }
        traject.refresh_from_db()
        assert traject.fase == van


@pytest.mark.parametrize(("van", "naar"), ALLE_PAREN, ids=[f"{v}->{n}" for v, n in ALLE_PAREN])
def test_the_casemanager_changes_a_phase_only_along_the_table(demo, van, naar):
    """Release is not a phase change by hand: it goes through `registreer_uitstroom`, which
    records the handover."""
    traject = _traject_in(van, demo["casemanager1"])
    toegestaan = naar in FASE_OVERGANGEN[van] and naar != Fase.NA_DETENTIE
    if toegestaan:
        services.wijzig_fase(acting_user=demo["casemanager1"], traject=traject, naar=naar)
    else:
        with pytest.raises(ValidationError, match="kan niet"):
            services.wijzig_fase(acting_user=demo["casemanager1"], traject=traject, naar=naar)
    traject.refresh_from_db()
    assert traject.fase == (naar if toegestaan else van)


def _fasen_in_de_historie(traject: Traject) -> list[str]:
    fasen = list(
        Traject.pgh_event_model.objects.filter(pgh_obj=traject)
        .order_by("pgh_id")
        .values_list("fase", flat=True)
    )
    return [f for i, f in enumerate(fasen) if i == 0 or f != fasen[i - 1]]


def test_writing_the_plan_in_intake_walks_through_screening(demo):
    """Writing a plan during intake means screening happened: the trajectory goes to D&R-plan
    by way of screening, as the table says, not in one jump."""
    cm = demo["casemanager1"]
    traject = _traject_in(Fase.INSTROOM, cm)
    services.bewerk_plan(
        acting_user=cm,
        traject=traject,
        versie=traject.plan.versie,
        begeleidingsplan="Begeleiding",
        doelen="Doelen",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    assert _fasen_in_de_historie(traject) == [Fase.INSTROOM, Fase.SCREENING, Fase.DR_PLAN]
    services.stel_plan_vast(
        acting_user=cm,
        traject=traject,
        versie=traject.plan.versie,
        vastgesteld_datum=timezone.localdate(),
    )
    assert _fasen_in_de_historie(traject)[-1] == Fase.DETENTIE


def test_an_event_never_moves_a_trajectory_back(demo):
    """Adopting a revised plan during release preparation keeps the trajectory there."""
    cm = demo["casemanager1"]
    traject = _traject_in(Fase.VOORBEREIDING_UITSTROOM, cm)
    services.vooruit_naar_fase(traject, Fase.DETENTIE)
    services.vooruit_naar_fase(traject, Fase.SCREENING)
    traject.refresh_from_db()
    assert traject.fase == Fase.VOORBEREIDING_UITSTROOM


APPS = ["trajecten", "nazorg", "reclassering", "signalering", "api", "dashboard", "demo"]
ROOT = Path(__file__).resolve().parents[2]
ENIGE_PLEK = ROOT / "trajecten" / "services" / "_gedeeld.py"


def _zet_fase(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
        doelen = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(d, ast.Attribute) and d.attr == "fase" for d in doelen)
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {"update", "create"}:
        return any(k.arg == "fase" for k in node.keywords)
    return False


def test_no_module_but_the_one_function_sets_a_phase():
    """`Traject.objects.create(fase=Fase.INSTROOM)` at intake is the one other place: a new
    trajectory starts in the first phase."""
    gevonden = []
    for app in APPS:
        for pad in (ROOT / app).rglob("*.py"):
            if "migrations" in pad.parts or pad == ENIGE_PLEK:
                continue
            for node in ast.walk(ast.parse(pad.read_text())):
                if _zet_fase(node):
                    gevonden.append(f"{pad.relative_to(ROOT)}:{node.lineno}")
    assert gevonden == ["trajecten/services/intake.py:" + _regel_van_intake()]


def _regel_van_intake() -> str:
    bron = (ROOT / "trajecten" / "services" / "intake.py").read_text()
    for node in ast.walk(ast.parse(bron)):
        if _zet_fase(node):
            return str(node.lineno)
    return "?"
