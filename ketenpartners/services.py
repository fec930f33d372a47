"""Every write to ketenpartners. Keyword-only, atomic, validated with Dutch messages."""

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import inloggen, mfa
from .models import Contactpunt, Locatie, Medewerker, Organisatie, Regio, Team, Uitnodiging
from .rollen import PERMISSIES_VAN_ROL, Rol, Soort, groepsnaam
from .signalen import accountgebeurtenis


@dataclass
class Laadresultaat:
    nieuw: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    inactief_gemaakt: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("%(nieuw)d nieuw, %(gewijzigd)d gewijzigd, %(inactief)d inactief gemaakt") % {
            "nieuw": len(self.nieuw),
            "gewijzigd": len(self.gewijzigd),
            "inactief": len(self.inactief_gemaakt),
        }


def _vereiste_kolommen(rows: list[Mapping[str, str]], kolommen: set[str], bron: str) -> None:
    if rows and not kolommen <= rows[0].keys():
        ontbrekend = ", ".join(sorted(kolommen - rows[0].keys()))
        raise ValidationError(
            _("%(bron)s mist de kolommen: %(kolommen)s") % {"bron": bron, "kolommen": ontbrekend}
        )


@transaction.atomic
def laad_gemeenten(*, rows: Iterable[Mapping[str, str]]) -> Laadresultaat:
    """Upsert regio's and gemeenten by code. A gemeente missing from the new list merged into
    another on 1 January: it becomes inactive, and every link to it stays intact."""
    rows = list(rows)
    _vereiste_kolommen(
        rows,
        {"gemeentecode", "naam", "veiligheidsregio_code", "veiligheidsregio_naam"},
        "gemeenten",
    )
    if not rows:
        raise ValidationError(_("De gemeentelijst is leeg; er is niets geladen."))

    regio_namen = {r["veiligheidsregio_code"]: r["veiligheidsregio_naam"] for r in rows}
    Regio.objects.bulk_create(
        [Regio(code=code, naam=naam) for code, naam in regio_namen.items()],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["naam"],
    )
    regio_id = dict(Regio.objects.values_list("code", "id"))

    bestaand = {
        o.code: o
        for o in Organisatie.objects.filter(soort=Soort.GEMEENTE).only(
            "code", "naam", "regio_id", "actief"
        )
    }
    resultaat = Laadresultaat()
    te_schrijven = []
    for row in rows:
        code = row["gemeentecode"].strip()
        naam = (row.get("weergavenaam") or row["naam"]).strip()
        nieuw = Organisatie(
            soort=Soort.GEMEENTE,
            code=code,
            naam=naam,
            regio_id=regio_id[row["veiligheidsregio_code"]],
            actief=True,
        )
        oud = bestaand.get(code)
        if oud is None:
            resultaat.nieuw.append(code)
        elif (oud.naam, oud.regio_id, oud.actief) != (nieuw.naam, nieuw.regio_id, True):
            resultaat.gewijzigd.append(code)
        else:
            continue
        te_schrijven.append(nieuw)
    Organisatie.objects.bulk_create(
        te_schrijven,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["naam", "regio", "actief"],
    )

    codes = {row["gemeentecode"].strip() for row in rows}
    verdwenen = Organisatie.objects.filter(soort=Soort.GEMEENTE, actief=True).exclude(
        code__in=codes
    )
    resultaat.inactief_gemaakt = list(verdwenen.values_list("code", flat=True))
    verdwenen.update(actief=False)
    return resultaat


def pi_code(naam: str) -> str:
    return slugify(naam).upper()


@transaction.atomic
def laad_inrichtingen(*, rows: Iterable[Mapping[str, str]]) -> Laadresultaat:
    """Upsert PIs and their locations by name; a location no longer listed becomes inactive."""
    rows = list(rows)
    _vereiste_kolommen(rows, {"naam", "locatie", "gemeentecode", "cluster"}, "inrichtingen")
    gemeenten = {o.code: o for o in Organisatie.objects.gemeenten()}
    resultaat = Laadresultaat()
    gezien: set[int] = set()
    for row in rows:
        gemeente = gemeenten.get(row["gemeentecode"].strip())
        if gemeente is None:
            raise ValidationError(
                _("Onbekende gemeentecode %(code)s bij %(naam)s: laad eerst de gemeenten.")
                % {"code": row["gemeentecode"], "naam": row["naam"]}
            )
        pi, aangemaakt = Organisatie.objects.get_or_create(
            code=pi_code(row["naam"]),
            defaults={
                "soort": Soort.PI,
                "naam": row["naam"].strip(),
                "cluster": row["cluster"].strip(),
                "regio_id": gemeente.regio_id,
            },
        )
        if aangemaakt:
            resultaat.nieuw.append(pi.code)
        elif (pi.naam, pi.cluster, pi.actief) != (
            row["naam"].strip(),
            row["cluster"].strip(),
            True,
        ):
            pi.naam, pi.cluster, pi.actief = row["naam"].strip(), row["cluster"].strip(), True
            pi.save(update_fields=["naam", "cluster", "actief"])
            resultaat.gewijzigd.append(pi.code)
        locatie, _nieuw = Locatie.objects.update_or_create(
            organisatie=pi,
            naam=row["locatie"].strip(),
            defaults={
                "gemeente": gemeente,
                "bijzonderheden": (row.get("bijzonderheden") or "").strip(),
                "actief": True,
            },
        )
        gezien.add(locatie.pk)
    verdwenen = Locatie.objects.filter(actief=True).exclude(pk__in=gezien)
    resultaat.inactief_gemaakt = [str(loc) for loc in verdwenen]
    verdwenen.update(actief=False)
    return resultaat


@transaction.atomic
def laad_reclassering(*, rows: Iterable[Mapping[str, str]]) -> Laadresultaat:
    """Upsert the three probation organisations (3RO) and their regional teams."""
    rows = list(rows)
    _vereiste_kolommen(rows, {"code", "naam", "team"}, "reclassering")
    resultaat = Laadresultaat()
    for row in rows:
        org, aangemaakt = Organisatie.objects.update_or_create(
            code=row["code"].strip(),
            defaults={"soort": Soort.RECLASSERING, "naam": row["naam"].strip(), "actief": True},
        )
        if aangemaakt:
            resultaat.nieuw.append(org.code)
        Team.objects.get_or_create(organisatie=org, naam=row["team"].strip())
    return resultaat


@transaction.atomic
def zorg_voor_beheerorganisatie() -> Organisatie:
    org, _aangemaakt = Organisatie.objects.get_or_create(
        code="BEHEER", defaults={"soort": Soort.BEHEER, "naam": _("Functioneel beheer")}
    )
    return org


@transaction.atomic
def synchroniseer_rolgroepen() -> None:
    """Make one group per role carry exactly the model permissions of rollen.PERMISSIES_VAN_ROL."""
    alle_codes = set().union(*PERMISSIES_VAN_ROL.values())
    voorwaarde = Q(pk__in=[])
    for code in alle_codes:
        app_label, codename = code.split(".")
        voorwaarde |= Q(content_type__app_label=app_label, codename=codename)
    permissies = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.filter(voorwaarde).select_related("content_type")
    }
    ontbrekend = alle_codes - permissies.keys()
    if ontbrekend:
        raise ValidationError(_("Onbekende permissies: %s") % ", ".join(sorted(ontbrekend)))
    for rol, codes in PERMISSIES_VAN_ROL.items():
        groep, _aangemaakt = Group.objects.get_or_create(name=groepsnaam(rol))
        groep.permissions.set([permissies[c] for c in codes])


@transaction.atomic
def maak_medewerker(
    *,
    acting_user: Medewerker | None,
    username: str,
    rol: str,
    organisatie: Organisatie,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    telefoon: str = "",
    team: Team | None = None,
    password: str | None = None,
) -> Medewerker:
    """Create a staff account in the group of its role. `acting_user` is None only for the
    command-line tools that seed accounts. A functional administrator gets the admin site."""
    if Medewerker.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})
    medewerker = Medewerker(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        telefoon=telefoon,
        rol=rol,
        organisatie=organisatie,
        team=team,
        is_staff=rol == Rol.FUNCTIONEEL_BEHEERDER,
    )
    if password is None:
        medewerker.set_unusable_password()
    else:
        medewerker.set_password(password)
    medewerker.full_clean()
    medewerker.save()
    koppel_groepen(medewerker=medewerker)
    return medewerker


@transaction.atomic
def koppel_groepen(*, medewerker: Medewerker) -> None:
    """A staff member is in the group of their role and in the group of their organisation, and
    in no other such group. Trajectories are shared with organisation groups (trajecten.access),
    so a new colleague sees the organisation's cases without a grant of their own, and someone
    who moves to another organisation loses the old one's at once."""
    medewerker.groups.remove(
        *medewerker.groups.filter(Q(name__startswith="rol:") | Q(name__startswith="org:"))
    )
    if medewerker.rol:
        groep, _aangemaakt = Group.objects.get_or_create(name=groepsnaam(medewerker.rol))
        medewerker.groups.add(groep)
    if medewerker.organisatie is not None:
        groep, _aangemaakt = Group.objects.get_or_create(name=f"org:{medewerker.organisatie.code}")
        medewerker.groups.add(groep)


# A contact point's notes for the chain: a few lines (ADR 0010).
CONTACTPUNT_NOTITIES_MAX = 2_000


def _controleer_notities(notities: str) -> None:
    if len(notities) > CONTACTPUNT_NOTITIES_MAX:
        raise ValidationError(
            {
                "notities": _("Gebruik hoogstens %(max)s tekens; dit zijn er %(aantal)s.")
                % {"max": "2.000", "aantal": f"{len(notities):,}".replace(",", ".")}
            }
        )


@transaction.atomic
def zet_contactpunt(
    *,
    acting_user: Medewerker | None,
    organisatie: Organisatie,
    naam: str,
    telefoon: str = "",
    email: str = "",
    bereikbaarheid: str = "",
    notities: str = "",
    team: Team | None = None,
) -> Contactpunt:
    """Create or update an organisation's functional contact point (the report: nobody knows
    whom to call at a gemeente). A contact point needs a phone number or an e-mail address."""
    if not telefoon and not email:
        raise ValidationError(
            {
                "telefoon": _(
                    "Vul een telefoonnummer of een e-mailadres in, zodat men u kan bereiken."
                )
            }
        )
    _controleer_notities(notities)
    contactpunt, _aangemaakt = Contactpunt.objects.update_or_create(
        organisatie=organisatie,
        team=team,
        naam=naam,
        defaults={
            "telefoon": telefoon,
            "email": email,
            "bereikbaarheid": bereikbaarheid,
            "notities": notities,
        },
    )
    return contactpunt


@transaction.atomic
def werk_contactpunt_bij(
    *,
    acting_user: Medewerker,
    contactpunt: Contactpunt,
    naam: str,
    telefoon: str = "",
    email: str = "",
    bereikbaarheid: str = "",
    notities: str = "",
) -> Contactpunt:
    """A nazorgcoördinator keeps the gemeente's own contact point up to date."""
    if acting_user.organisatie_id != contactpunt.organisatie_id:
        raise PermissionDenied
    if not telefoon and not email:
        raise ValidationError(
            {
                "telefoon": _(
                    "Vul een telefoonnummer of een e-mailadres in, zodat men u kan bereiken."
                )
            }
        )
    _controleer_notities(notities)
    contactpunt.naam, contactpunt.telefoon, contactpunt.email = naam, telefoon, email
    contactpunt.bereikbaarheid, contactpunt.notities = bereikbaarheid, notities
    contactpunt.save()
    return contactpunt


# Invitations (issue 12): the functional administrator invites a gemeente's first
# nazorgcoördinator. The token travels only in the e-mail; the table holds its SHA-256.


class UitnodigingOngeldig(Exception):
    """Unknown, used or expired: the accept page says the same for all three."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def nodig_uit(
    *, acting_user: Medewerker, gemeente: Organisatie, naam: str, email: str
) -> tuple[Uitnodiging, str]:
    """Create an invitation and send its link after commit. Returns the invitation and the
    token (shown nowhere else; the administrator may copy the link once)."""
    if acting_user.rol != Rol.FUNCTIONEEL_BEHEERDER:
        raise PermissionDenied
    fouten = {}
    if gemeente.soort != Soort.GEMEENTE or not gemeente.actief:
        fouten["gemeente"] = _("Kies een bestaande, actieve gemeente.")
    if not naam.strip():
        fouten["naam"] = _("Vul de naam in van wie u uitnodigt")
    email = email.strip().lower()
    if Medewerker.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        fouten["email"] = _("Er is al een account met dit e-mailadres.")
    if fouten:
        raise ValidationError(fouten)
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging.objects.create(
        gemeente=gemeente,
        naam=naam.strip(),
        email=email,
        token_hash=token_hash(token),
        uitgenodigd_door=acting_user,
        verloopt_op=timezone.now() + timedelta(days=settings.UITNODIGING_GELDIG_DAGEN),
    )
    link = settings.SITE_URL.rstrip("/") + reverse("uitnodiging_aannemen", args=[token])
    onderwerp = _("Uitnodiging: nazorg gedetineerden voor gemeente %(g)s") % {"g": gemeente.naam}
    tekst = _(
        "Beste %(naam)s,\n\n%(door)s nodigt u uit als nazorgcoördinator van gemeente %(g)s in "
        "reintegratie, waar inrichtingen detenties van uw inwoners melden.\n\n"
        "Kies uw wachtwoord via deze link (geldig tot %(tot)s, één keer te gebruiken):\n%(link)s\n"
    ) % {
        "naam": uitnodiging.naam,
        "door": acting_user,
        "g": gemeente.naam,
        "tot": timezone.localtime(uitnodiging.verloopt_op).strftime("%d-%m-%Y %H:%M"),
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(onderwerp, tekst, None, [email]))
    return uitnodiging, token


def geldige_uitnodiging(token: str) -> Uitnodiging:
    """The open invitation for this token, or UitnodigingOngeldig (same for every reason)."""
    uitnodiging = (
        Uitnodiging.objects.select_related("gemeente")
        .filter(token_hash=token_hash(token), gebruikt_op__isnull=True)
        .first()
    )
    if uitnodiging is None or uitnodiging.verloopt_op <= timezone.now():
        raise UitnodigingOngeldig
    return uitnodiging


@transaction.atomic
def neem_uitnodiging_aan(*, token: str, wachtwoord: str) -> Medewerker:
    """Accept: one account, the invitee's e-mail as username, role nazorgcoördinator of the
    invited gemeente. The row is locked, so a double submit or a race creates one account; the
    second finds the invitation used."""
    rij = (
        Uitnodiging.objects.select_for_update()
        .filter(token_hash=token_hash(token), gebruikt_op__isnull=True)
        .first()
    )
    if rij is None or rij.verloopt_op <= timezone.now():
        raise UitnodigingOngeldig
    naam = rij.naam.split(" ", 1)
    kandidaat = Medewerker(username=rij.email, email=rij.email, first_name=naam[0])
    try:
        validate_password(wachtwoord, user=kandidaat)
    except ValidationError as fout:
        raise ValidationError({"wachtwoord": fout.messages}) from fout
    medewerker = maak_medewerker(
        acting_user=None,
        username=rij.email,
        rol=Rol.NAZORGCOORDINATOR,
        organisatie=rij.gemeente,
        first_name=naam[0],
        last_name=naam[1] if len(naam) > 1 else "",
        email=rij.email,
        password=wachtwoord,
    )
    rij.gebruikt_op = timezone.now()
    rij.medewerker = medewerker
    rij.save(update_fields=["gebruikt_op", "medewerker"])
    return medewerker


@transaction.atomic
def deactiveer_medewerkers(*, acting_user: Medewerker, medewerker_ids: Iterable[int]) -> int:
    """Accounts are deactivated, never deleted (issue 17): their notifications, audit rows and
    history keep pointing at them, and they can be reactivated. Nobody deactivates himself.
    Each deactivation is in the audit trail, in the same transaction."""
    if not (acting_user.is_superuser or acting_user.rol == Rol.FUNCTIONEEL_BEHEERDER):
        raise PermissionDenied
    accounts = list(
        Medewerker.objects.select_for_update()
        .filter(pk__in=list(medewerker_ids), is_active=True)
        .exclude(pk=acting_user.pk)
        .order_by("pk")
    )
    Medewerker.objects.filter(pk__in=[m.pk for m in accounts]).update(is_active=False)
    for medewerker in accounts:
        _meld(
            "account_gewijzigd",
            medewerker=medewerker,
            door=acting_user,
            toelichting=_("gedeactiveerd"),
        )
    return len(accounts)


# --- Accounts (issue 17): second factor and the administrator's changes -------------------
# Audit rows are written by the audit app on the accountgebeurtenis signal (ketenpartners sits
# below audit in the layers); see ketenpartners/signalen.py.


def _meld(actie: str, *, medewerker: Medewerker | None, door: Medewerker | None, **gegevens):
    accountgebeurtenis.send(
        sender=Medewerker, actie=actie, medewerker=medewerker, door=door, **gegevens
    )


@transaction.atomic
def begin_mfa_inschrijving(*, acting_user: Medewerker) -> TOTPDevice:
    """The unconfirmed TOTP device whose secret the enrolment page shows (made once, reused on
    reload, so the QR code does not change under the user's camera)."""
    if mfa.heeft_tweede_factor(acting_user):
        raise PermissionDenied
    device = TOTPDevice.objects.filter(user=acting_user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=acting_user, name=mfa.APP_NAAM, confirmed=False)
    return device


def _code_fout(*, geremd: bool) -> ValidationError:
    if geremd:
        return ValidationError(
            {"code": _("Te veel onjuiste codes achter elkaar. Wacht even en probeer het opnieuw.")}
        )
    return ValidationError(
        {"code": _("Deze code klopt niet. Typ de zes cijfers die de app nu laat zien.")}
    )


def bevestig_mfa_inschrijving(*, acting_user: Medewerker, code: str) -> tuple[TOTPDevice, list]:
    """Confirms the app with a first code and makes ten recovery codes, returned once (only
    their use is stored). Not one transaction as a whole: a wrong code must keep counting
    towards django-otp's throttle, which a rollback would undo."""
    device = begin_mfa_inschrijving(acting_user=acting_user)
    toegestaan, _info = device.verify_is_allowed()
    if not toegestaan or not device.verify_token(code.replace(" ", "")):
        raise _code_fout(geremd=not toegestaan)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=acting_user).delete()
        herstel = StaticDevice.objects.create(
            user=acting_user, name=mfa.HERSTEL_NAAM, confirmed=True
        )
        codes = [StaticToken.random_token() for _i in range(mfa.AANTAL_HERSTELCODES)]
        StaticToken.objects.bulk_create([StaticToken(device=herstel, token=c) for c in codes])
        _meld(
            "mfa_ingeschreven",
            medewerker=acting_user,
            door=acting_user,
            toelichting="authenticator-app en 10 herstelcodes",
        )
    return device, codes


class TweedeFactorGeblokkeerd(PermissionDenied):
    """The account (or the address) is locked: wrong second-factor codes count towards the same
    lockout as wrong passwords (`ketenpartners.inloggen`, ADR 0019). The session is ended."""


def controleer_tweede_factor(*, acting_user: Medewerker, code: str, ip: str = "onbekend"):
    """The device that accepts this code: the app's six digits or one recovery code (used up).
    A wrong code counts towards django-otp's throttle and towards the account's lockout
    (`Inlogteller`, like a wrong password), and is audited as a failed login; the code that
    reaches the limit locks the account (`TweedeFactorGeblokkeerd`)."""
    if inloggen.geblokkeerd(gebruikersnaam=acting_user.username, ip=ip):
        _meld(
            "inloggen_mislukt",
            medewerker=acting_user,
            door=acting_user,
            toelichting=f"tweede factor geweigerd: geblokkeerd (ip {ip})",
        )
        raise TweedeFactorGeblokkeerd
    code = code.replace(" ", "").strip()
    app = TOTPDevice.objects.filter(user=acting_user, confirmed=True).first()
    if app is None:
        raise PermissionDenied
    toegestaan, _info = app.verify_is_allowed()
    if toegestaan and code.isdigit() and app.verify_token(code):
        inloggen.wis_teller(gebruikersnaam=acting_user.username)
        return app
    herstel = StaticDevice.objects.filter(user=acting_user, confirmed=True).first()
    if herstel is not None and not code.isdigit():
        toegestaan = herstel.verify_is_allowed()[0]
    if (
        herstel is not None
        and not code.isdigit()
        and toegestaan
        and herstel.verify_token(code.lower())
    ):
        _meld(
            "herstelcode_gebruikt",
            medewerker=acting_user,
            door=acting_user,
            toelichting=f"nog {herstel.token_set.count()} herstelcodes over",
        )
        inloggen.wis_teller(gebruikersnaam=acting_user.username)
        return herstel
    bereikt = inloggen.tel_mislukking(gebruikersnaam=acting_user.username, ip=ip)
    _meld(
        "inloggen_mislukt",
        medewerker=acting_user,
        door=acting_user,
        toelichting=f"tweede factor onjuist (ip {ip})",
    )
    for sleutel in bereikt:
        _meld(
            "account_geblokkeerd",
            medewerker=acting_user,
            door=acting_user,
            toelichting=f"{sleutel} geblokkeerd voor {settings.INLOG_BLOKKADE_MINUTEN} minuten",
        )
    if bereikt:
        raise TweedeFactorGeblokkeerd
    raise _code_fout(geremd=not toegestaan)


def _staffunctionarissen(organisaties) -> list[str]:
    return list(
        Medewerker.objects.filter(
            organisatie__in=[o for o in organisaties if o is not None],
            rol=Rol.STAFFUNCTIONARIS,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _vertel_staf(*, medewerker: Medewerker, organisaties, wat: str, door: Medewerker) -> None:
    """The staffunctionaris of the account's organisation (and of its previous one, when it
    moved) hears of the change by e-mail, sent after the commit. No case data in it."""
    ontvangers = _staffunctionarissen(organisaties)
    if not ontvangers:
        return
    onderwerp = _("Account %(naam)s gewijzigd door functioneel beheer") % {
        "naam": medewerker.username
    }
    tekst = _(
        "De functioneel beheerder %(door)s heeft het account %(naam)s (%(volledig)s) gewijzigd: "
        "%(wat)s.\n\nHerkent u deze wijziging niet? Neem contact op met functioneel beheer."
    ) % {
        "door": door.get_full_name() or door.username,
        "naam": medewerker.username,
        "volledig": medewerker.get_full_name(),
        "wat": wat,
    }
    transaction.on_commit(
        lambda: send_mail(str(onderwerp), str(tekst), None, ontvangers, fail_silently=True)
    )


def _eis_ander_account(acting_user: Medewerker, medewerker: Medewerker) -> None:
    if not acting_user.has_perm("ketenpartners.change_medewerker"):
        raise PermissionDenied
    if medewerker.pk == acting_user.pk:
        raise ValidationError(EIGEN_ACCOUNT)


EIGEN_ACCOUNT = gettext_lazy(
    "U kunt uw eigen account niet wijzigen (rol, organisatie, wachtwoord, actief of tweede "
    "factor). Vraag een andere functioneel beheerder."
)
GEVOELIGE_VELDEN = {
    "rol": gettext_lazy("rol"),
    "organisatie": gettext_lazy("organisatie"),
    "team": gettext_lazy("team"),
    "is_active": gettext_lazy("actief"),
    "is_staff": gettext_lazy("toegang tot beheer"),
    "is_superuser": gettext_lazy("alle rechten"),
    "username": gettext_lazy("gebruikersnaam"),
    "email": gettext_lazy("e-mailadres"),
    "password": gettext_lazy("wachtwoord"),
}


@transaction.atomic
def reset_tweede_factor(*, acting_user: Medewerker, medewerker: Medewerker) -> None:
    """The functional administrator removes someone's app and recovery codes (lost phone): at
    the next login they enrol again. Audited; the staffunctionaris is told."""
    _eis_ander_account(acting_user, medewerker)
    TOTPDevice.objects.filter(user=medewerker).delete()
    StaticDevice.objects.filter(user=medewerker).delete()
    _meld("mfa_gereset", medewerker=medewerker, door=acting_user, toelichting="app en herstelcodes")
    _vertel_staf(
        medewerker=medewerker,
        organisaties=[medewerker.organisatie],
        wat=str(_("tweede factor gereset")),
        door=acting_user,
    )


@transaction.atomic
def meld_accountwijziging(
    *,
    acting_user: Medewerker,
    medewerker: Medewerker,
    wijzigingen: dict[str, tuple[object, object]],
    nieuw: bool = False,
) -> None:
    """After the admin saved another account: the changes of sensitive fields (role,
    organisation, password, active, …) go into the audit trail with old → new, and the
    staffunctionaris of the old and new organisation is told."""
    _eis_ander_account(acting_user, medewerker)
    velden = {k: v for k, v in wijzigingen.items() if k in GEVOELIGE_VELDEN}
    if not velden and not nieuw:
        return
    delen = [
        str(GEVOELIGE_VELDEN[k])
        if k == "password"
        else f"{GEVOELIGE_VELDEN[k]}: {oud or '—'} → {nieuw_ or '—'}"
        for k, (oud, nieuw_) in velden.items()
    ]
    wat = (str(_("account aangemaakt")) + "; " if nieuw else "") + "; ".join(delen)
    _meld("account_gewijzigd", medewerker=medewerker, door=acting_user, toelichting=wat)
    oude_org = velden.get("organisatie", (None, None))[0]
    _vertel_staf(
        medewerker=medewerker,
        organisaties=[medewerker.organisatie, oude_org],
        wat=wat,
        door=acting_user,
    )
