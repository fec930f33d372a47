import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .models import ApiToken
from .permissions import vereiste_scope
from .services import hash_sleutel

# Last use is written at most this often per key: one conditional UPDATE that touches no row
# while the recorded moment is recent, so a busy client costs no write per request.
GEBRUIK_VASTLEGGEN_NA = datetime.timedelta(minutes=1)


class SleutelAuthenticatie(BaseAuthentication):
    """`Authorization: Bearer rt_…`: a system client's key, looked up by its hash. A revoked
    or expired key, or a deactivated service account, is refused at the very next request."""

    def authenticate(self, request):
        kop = get_authorization_header(request).decode(errors="replace")
        if not kop.startswith("Bearer "):
            return None
        token = (
            ApiToken.objects.select_related("account__organisatie")
            .filter(sleutel_hash=hash_sleutel(kop[7:].strip()), ingetrokken_op__isnull=True)
            .first()
        )
        if token is None or not token.account.is_active:
            raise AuthenticationFailed(_("Ongeldige of ingetrokken API-sleutel."))
        if token.geldig_tot < timezone.localdate():
            raise AuthenticationFailed(
                _(
                    "Deze API-sleutel is verlopen op %(datum)s. Vraag de functioneel beheerder "
                    "om een nieuwe."
                )
                % {"datum": token.geldig_tot.strftime("%d-%m-%Y")}
            )
        nu = timezone.now()
        if (
            token.laatst_gebruikt_op is None
            or token.laatst_gebruikt_op < nu - GEBRUIK_VASTLEGGEN_NA
        ):
            ApiToken.objects.filter(pk=token.pk).filter(
                Q(laatst_gebruikt_op__isnull=True)
                | Q(laatst_gebruikt_op__lt=nu - GEBRUIK_VASTLEGGEN_NA)
            ).update(laatst_gebruikt_op=nu)
        return token.account, token

    def authenticate_header(self, request):
        return 'Bearer realm="reintegratie"'


class SleutelAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SleutelAuthenticatie"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "API-sleutel van een ketensysteem, uitgegeven door de functioneel beheerder. "
                "Elke sleutel heeft scopes (meldingen:schrijven, trajecten:lezen, "
                "trajecten:schrijven) en een einddatum; per operatie staat de scope die nodig is "
                "in `security`. Zonder die scope: 403; verlopen: 401."
            ),
        }

    def get_security_requirement(self, auto_schema):
        scope = vereiste_scope(auto_schema.view, auto_schema.method)
        return {self.name: [scope] if scope else []}
