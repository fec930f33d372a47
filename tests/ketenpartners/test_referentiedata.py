import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ketenpartners.models import Locatie, Medewerker, Organisatie, OrganisatieEvent, Regio, Team
from ketenpartners.rollen import Rol, Soort

DATA = Path(__file__).resolve().parents[2] / "ketenpartners" / "data"

pytestmark = pytest.mark.django_db


def laad(**bestanden) -> str:
    uit = io.StringIO()
    call_command("load_referentiedata", stdout=uit, **bestanden)
    return uit.getvalue()


def schrijf_gemeenten(tmp_path: Path, aanpassen) -> Path:
    with (DATA / "gemeenten.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows = aanpassen(rows)
    pad = tmp_path / "gemeenten.csv"
    with pad.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return pad


def test_all_342_gemeenten_in_their_25_veiligheidsregios():
    assert Organisatie.objects.gemeenten().filter(actief=True).count() == 342
    assert Regio.objects.count() == 25
    enschede = Organisatie.objects.get(code="GM0153")
    assert (enschede.naam, enschede.regio.naam) == ("Enschede", "Twente")
    assert not Organisatie.objects.gemeenten().filter(regio__isnull=True).exists()


def test_prisons_with_their_locations_and_probation_with_teams():
    veenhuizen = Organisatie.objects.get(code="PI-VEENHUIZEN")
    assert veenhuizen.soort == Soort.PI
    assert sorted(veenhuizen.locaties.values_list("naam", flat=True)) == [
        "Esserheem",
        "Norgerhaven",
    ]
    assert Locatie.objects.get(organisatie__code="PI-ALMELO").gemeente.naam == "Almelo"
    assert set(
        Organisatie.objects.filter(soort=Soort.RECLASSERING).values_list("code", flat=True)
    ) == {
        "RN",
        "SVG",
        "LJR",
    }
    assert Team.objects.filter(organisatie__code="RN", naam="Oost").exists()


def test_second_load_changes_nothing():
    events_voor = OrganisatieEvent.objects.count()
    uitvoer = laad()
    assert "Gemeenten: 0 nieuw, 0 gewijzigd, 0 inactief gemaakt" in uitvoer
    assert "Inrichtingen: 0 nieuw, 0 gewijzigd, 0 inactief gemaakt" in uitvoer
    assert OrganisatieEvent.objects.count() == events_voor
    assert Organisatie.objects.gemeenten().count() == 342


def test_newer_list_deactivates_a_merged_gemeente_and_keeps_its_links(tmp_path):
    """Mergers on 1 January: the old gemeente disappears from the list but not from the data."""
    oud = Organisatie.objects.get(code="GM0037")  # Stadskanaal
    medewerker = Medewerker.objects.create(
        username="nazorg-stadskanaal", rol=Rol.NAZORGCOORDINATOR, organisatie=oud
    )

    def fusie(rows):
        rows = [r for r in rows if r["gemeentecode"] != "GM0037"]
        for r in rows:
            if r["gemeentecode"] == "GM0047":
                r["weergavenaam"] = "Veendam-Stadskanaal"
        return rows

    uitvoer = laad(gemeenten=schrijf_gemeenten(tmp_path, fusie))

    assert "Gemeenten: 0 nieuw, 1 gewijzigd, 1 inactief gemaakt" in uitvoer
    assert "GM0037" in uitvoer
    oud.refresh_from_db()
    medewerker.refresh_from_db()
    assert oud.actief is False
    assert medewerker.organisatie_id == oud.pk
    nieuw = Organisatie.objects.get(code="GM0047")
    assert nieuw.naam == "Veendam-Stadskanaal"

    # Loading the official list again brings it back as it was.
    laad()
    oud.refresh_from_db()
    assert oud.actief is True


def test_a_list_with_a_missing_column_is_refused_and_nothing_changes(tmp_path):
    pad = tmp_path / "gemeenten.csv"
    pad.write_text("gemeentecode,naam\nGM9999,Nergenshuizen\n", encoding="utf-8")
    with pytest.raises(CommandError, match="mist de kolommen: veiligheidsregio_code"):
        laad(gemeenten=pad)
    assert not Organisatie.objects.filter(code="GM9999").exists()


def test_an_unknown_gemeente_for_a_prison_saves_nothing(tmp_path):
    pad = tmp_path / "inrichtingen.csv"
    pad.write_text(
        "naam,locatie,gemeentecode,cluster,bijzonderheden\n"
        "PI Nieuw,Nieuw,GM0153,Midden-Oost,\n"
        "PI Fout,Fout,GM9999,West,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Onbekende gemeentecode GM9999"):
        laad(inrichtingen=pad)
    assert not Organisatie.objects.filter(code__in=["PI-NIEUW", "PI-FOUT"]).exists()


def test_the_database_refuses_a_gemeente_without_cbs_code():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(soort=Soort.GEMEENTE, code="ENSCHEDE2", naam="Enschede 2")
