import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ketenpartners import services
from ketenpartners.models import Medewerker, Organisatie, Team
from ketenpartners.rollen import PERMISSIES_VAN_ROL, Rol, groepsnaam

pytestmark = pytest.mark.django_db


def org(code: str) -> Organisatie:
    return Organisatie.objects.get(code=code)


def test_a_new_casemanager_is_in_the_casemanager_group_with_its_permissions():
    m = services.maak_medewerker(
        acting_user=None,
        username="k.smit",
        rol=Rol.CASEMANAGER,
        organisatie=org("PI-ALMELO"),
        password="een-lang-wachtwoord",
    )
    assert sorted(m.groups.values_list("name", flat=True)) == [
        "org:PI-ALMELO",
        groepsnaam(Rol.CASEMANAGER),
    ]
    m = Medewerker.objects.get(pk=m.pk)  # fresh permission cache
    assert m.has_perm("ketenpartners.view_contactpunt")
    assert not m.has_perm("ketenpartners.change_organisatie")
    assert not m.is_staff
    assert m.check_password("een-lang-wachtwoord")


def test_the_functional_administrator_manages_accounts_through_the_admin_site():
    m = services.maak_medewerker(
        acting_user=None, username="fb", rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=org("BEHEER")
    )
    m = Medewerker.objects.get(pk=m.pk)
    assert m.is_staff
    assert m.has_perm("ketenpartners.add_medewerker")
    assert m.has_perm("ketenpartners.change_organisatie")
    assert not m.has_usable_password()


@pytest.mark.parametrize(
    ("rol", "code", "veld"),
    [
        (Rol.CASEMANAGER, "GM0153", "rol"),  # a casemanager works at a PI
        (Rol.NAZORGCOORDINATOR, "PI-ALMELO", "rol"),
        (Rol.RECLASSERINGSWERKER, "RN", None),
    ],
)
def test_a_role_belongs_to_one_kind_of_organisation(rol, code, veld):
    kwargs = {"acting_user": None, "username": f"x-{rol}", "rol": rol, "organisatie": org(code)}
    if veld is None:
        services.maak_medewerker(**kwargs)
        return
    with pytest.raises(ValidationError) as fout:
        services.maak_medewerker(**kwargs)
    assert "hoort bij een" in fout.value.message_dict[veld][0]
    assert not Medewerker.objects.filter(username=f"x-{rol}").exists()


def test_a_team_of_another_organisation_is_refused():
    with pytest.raises(ValidationError) as fout:
        services.maak_medewerker(
            acting_user=None,
            username="r",
            rol=Rol.RECLASSERINGSWERKER,
            organisatie=org("RN"),
            team=Team.objects.get(organisatie__code="SVG", naam="Oost"),
        )
    assert "team" in fout.value.message_dict


def test_a_username_is_taken_once_whatever_its_case():
    services.maak_medewerker(
        acting_user=None, username="nazorg", rol=Rol.NAZORGCOORDINATOR, organisatie=org("GM0153")
    )
    with pytest.raises(ValidationError) as fout:
        services.maak_medewerker(
            acting_user=None,
            username="NAZORG",
            rol=Rol.NAZORGCOORDINATOR,
            organisatie=org("GM0599"),
        )
    assert fout.value.message_dict["username"] == ["Deze gebruikersnaam is al in gebruik."]


def test_the_database_refuses_a_role_without_an_organisation():
    with pytest.raises(IntegrityError), transaction.atomic():
        Medewerker.objects.create(username="zwever", rol=Rol.MENTOR)


def test_changing_a_role_moves_the_account_to_the_other_group():
    m = services.maak_medewerker(
        acting_user=None, username="m", rol=Rol.MENTOR, organisatie=org("PI-ALMELO")
    )
    m.rol = Rol.CASEMANAGER
    m.save()
    m.organisatie = org("PI-NIEUWERSLUIS")
    m.save()
    services.koppel_groepen(medewerker=m)
    assert sorted(m.groups.values_list("name", flat=True)) == [
        "org:PI-NIEUWERSLUIS",
        groepsnaam(Rol.CASEMANAGER),
    ]


def test_role_groups_carry_exactly_the_declared_permissions_and_sync_is_idempotent():
    services.synchroniseer_rolgroepen()
    services.synchroniseer_rolgroepen()
    from django.contrib.auth.models import Group

    for rol, codes in PERMISSIES_VAN_ROL.items():
        groep = Group.objects.get(name=groepsnaam(rol))
        echte = {f"{p.content_type.app_label}.{p.codename}" for p in groep.permissions.all()}
        assert echte == codes, rol


def test_a_contact_point_needs_a_phone_or_an_email():
    with pytest.raises(ValidationError) as fout:
        services.zet_contactpunt(acting_user=None, organisatie=org("GM0153"), naam="Nazorg")
    assert "telefoon" in fout.value.message_dict
    cp = services.zet_contactpunt(
        acting_user=None, organisatie=org("GM0153"), naam="Nazorg", telefoon="053-1234567"
    )
    zelfde = services.zet_contactpunt(
        acting_user=None, organisatie=org("GM0153"), naam="Nazorg", email="nazorg@enschede.example"
    )
    assert zelfde.pk == cp.pk
    assert (zelfde.telefoon, zelfde.email) == ("", "nazorg@enschede.example")
