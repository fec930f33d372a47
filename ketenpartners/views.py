import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from . import mfa, selectors, services
from .forms import (
    INLOGGEN_LUKT_NIET,
    AannemenForm,
    CodeFormulier,
    InlogFormulier,
    InschrijfFormulier,
    UitnodigingForm,
)
from .inloggen import ip_adres
from .middleware import resterend, verleng
from .rollen import Rol, Soort, rol_vereist
from .verzoek import Verzoek

# Roles whose start page is the list of trajectories (trajecten.views.caseload).
# Each role starts where its day's work is; the others land on a home page of their own.
STARTPAGINA: dict[str, str] = {
    Rol.CASEMANAGER: "trajecten:caseload",
    Rol.MENTOR: "trajecten:caseload",
    Rol.RIC_MEDEWERKER: "trajecten:caseload",
    Rol.HOOFD_DR: "trajecten:caseload",
    Rol.NAZORGCOORDINATOR: "nazorg:inbox",
    Rol.RECLASSERINGSWERKER: "reclassering:clienten",
}
HOME_TEMPLATES = {
    rol: f"ketenpartners/home/{rol}.html" for rol in Rol.values if rol not in STARTPAGINA
}
ADRESBOEK_PER_PAGINA = 50


@require_GET
def home(request: Verzoek) -> HttpResponse:
    """Each role lands on its own start page."""
    if request.user.rol in STARTPAGINA:
        return redirect(STARTPAGINA[request.user.rol])
    template = HOME_TEMPLATES.get(request.user.rol, "ketenpartners/home/geen_rol.html")
    context = {
        "eigen_contactpunten": selectors.contactpunten_van(organisatie=request.user.organisatie)
    }
    return render(request, template, context)


@require_GET
def adresboek(request: Verzoek) -> HttpResponse:
    """The contact directory for every role: whom to call at a PI, gemeente or reclassering."""
    zoek = request.GET.get("q", "").strip()[:100]
    soort = request.GET.get("soort", "")
    soort = soort if soort in Soort.values else ""
    organisaties = selectors.adresboek(zoek=zoek, soort=soort)
    pagina = Paginator(organisaties, ADRESBOEK_PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "pagina": pagina,
        "zoek": zoek,
        "soort": soort,
        "soorten": Soort.choices,
        "gezocht": bool(zoek or soort),
    }
    return render(request, "ketenpartners/adresboek.html", context)


def _database_antwoordt() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def broker_antwoordt() -> bool:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except redis.RedisError:
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and operators: does the database answer, does the broker answer."""
    status = {"database": _database_antwoordt(), "broker": broker_antwoordt()}
    return JsonResponse(
        {naam: "ok" if ok else "onbereikbaar" for naam, ok in status.items()},
        status=200 if all(status.values()) else 503,
    )


UITNODIGINGEN_PER_PAGINA = 50


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.FUNCTIONEEL_BEHEERDER)
def uitnodigingen(request: Verzoek) -> HttpResponse:
    """The functional administrator invites a gemeente's first nazorgcoördinator and sees the
    invitations with their status (open, aangenomen, verlopen)."""
    form = UitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resultaat = form.bewaar(services.nodig_uit, acting_user=request.user, **form.cleaned_data)
        if resultaat:
            uitnodiging, _token = resultaat
            messages.success(
                request,
                _("Uitnodiging verstuurd naar %(email)s voor gemeente %(g)s.")
                % {"email": uitnodiging.email, "g": uitnodiging.gemeente.naam},
            )
            return redirect("uitnodigingen")
    pagina = Paginator(selectors.uitnodigingen(), UITNODIGINGEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "ketenpartners/uitnodigingen.html",
        {"form": form, "pagina": pagina, "nu": timezone.now()},
        status=400 if form.errors else 200,
    )


def _te_veel_pogingen(request: HttpRequest) -> bool:
    """At most UITNODIGING_POGINGEN_PER_10_MIN accept attempts per address per ten minutes, so
    tokens cannot be guessed by trying."""
    sleutel = f"uitnodiging-pogingen:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(sleutel, 0, timeout=600)
    try:
        pogingen = cache.incr(sleutel)
    except ValueError:
        pogingen = 1
    return pogingen > settings.UITNODIGING_POGINGEN_PER_10_MIN


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def uitnodiging_aannemen(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee chooses a password; the account is created with their e-mail as username.
    An unknown, used or expired link answers the same Dutch page with 410 (never a 500)."""
    if _te_veel_pogingen(request):
        return render(
            request, "ketenpartners/uitnodiging_ongeldig.html", {"te_vaak": True}, status=429
        )
    try:
        uitnodiging = services.geldige_uitnodiging(token)
    except services.UitnodigingOngeldig:
        return render(request, "ketenpartners/uitnodiging_ongeldig.html", status=410)
    form = AannemenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            medewerker = form.bewaar(
                services.neem_uitnodiging_aan,
                token=token,
                wachtwoord=form.cleaned_data["wachtwoord"],
            )
        except services.UitnodigingOngeldig:
            return render(request, "ketenpartners/uitnodiging_ongeldig.html", status=410)
        if medewerker:
            messages.success(
                request,
                _("Uw account is klaar. Log in met %(email)s en uw nieuwe wachtwoord.")
                % {"email": medewerker.username},
            )
            return redirect(reverse("login"))
    return render(
        request,
        "ketenpartners/uitnodiging_aannemen.html",
        {"form": form, "uitnodiging": uitnodiging},
        status=400 if form.errors else 200,
    )


# --- Login, second factor, session (issue 17, docs/security.md) ---------------------------

MFA_VOLGENDE = "mfa_volgende"
HERSTELCODES = "mfa_herstelcodes"


def _veilig(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class Inloggen(auth_views.LoginView):
    """Password first; under MFA_VEREIST the second step follows (enrolment or code) before
    any other page opens (ketenpartners.middleware.TweedeFactorVereist)."""

    authentication_form = InlogFormulier
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        doel = super().get_success_url()
        # Just logged in: the user object has no is_verified() of OTPMiddleware yet.
        if settings.MFA_VEREIST and not getattr(self.request.user, "is_verified", bool)():
            self.request.session[MFA_VOLGENDE] = doel
            return mfa.volgende_stap(self.request.user)  # type: ignore[arg-type]
        return doel


@require_http_methods(["GET", "POST"])
def mfa_instellen(request: Verzoek) -> HttpResponse:
    """Enrolment: QR code and secret of a new authenticator app, confirmed with one code."""
    if mfa.heeft_tweede_factor(request.user):
        return redirect("mfa_code" if not request.user.is_verified() else "home")  # type: ignore[attr-defined]
    device = services.begin_mfa_inschrijving(acting_user=request.user)
    form = InschrijfFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.bevestig_mfa_inschrijving(
                acting_user=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            otp_login(request, device)
            request.session[HERSTELCODES] = codes
            return redirect("mfa_herstelcodes")
    context = {
        "form": form,
        "qr": mark_safe(mfa.qr_svg(device.config_url)),  # noqa: S308 - our own SVG, no input
        "geheim": mfa.geheim_leesbaar(device),
    }
    return render(request, "registration/mfa_instellen.html", context)


@require_GET
def mfa_herstelcodes(request: Verzoek) -> HttpResponse:
    """The ten recovery codes, shown once, right after enrolment."""
    codes = request.session.pop(HERSTELCODES, None)
    if not codes:
        return redirect("home")
    verder = _veilig(request, request.session.pop(MFA_VOLGENDE, None))
    return render(request, "registration/mfa_herstelcodes.html", {"codes": codes, "verder": verder})


@require_http_methods(["GET", "POST"])
def mfa_code(request: Verzoek) -> HttpResponse:
    """The second step of every login of an enrolled account."""
    if not mfa.heeft_tweede_factor(request.user):
        return redirect("mfa_instellen")
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect("home")
    form = CodeFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.controleer_tweede_factor(
                acting_user=request.user, code=form.cleaned_data["code"], ip=ip_adres(request)
            )
        except services.TweedeFactorGeblokkeerd:
            # Too many wrong codes: the half-open session ends, with the one lockout message.
            logout(request)
            messages.error(request, INLOGGEN_LUKT_NIET)
            return redirect("login")
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            otp_login(request, device)
            return redirect(_veilig(request, request.session.pop(MFA_VOLGENDE, None)))
    return render(request, "registration/mfa_code.html", {"form": form})


@require_POST
def sessie_verlengen(request: Verzoek) -> JsonResponse:
    """'Blijf ingelogd' in the warning dialog: counts as activity, answers the seconds left."""
    verleng(request)
    return JsonResponse({"resterend": resterend(request)})


@login_not_required
@require_GET
def beheer_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page is not a door: it sends to the one login (with its lockout and
    second factor). Logged in without admin rights: 403, not a loop back to the login."""
    if request.user.is_authenticated:
        raise PermissionDenied
    doel = _veilig(request, request.GET.get("next") or reverse("admin:index"))
    return redirect_to_login(doel)
