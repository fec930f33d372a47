from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .models import ApiToken
from .services import hash_sleutel


class SleutelAuthenticatie(BaseAuthentication):
    """`Authorization: Bearer rt_…`: a system client's key, looked up by its hash. A revoked
    key or a deactivated service account is refused at the very next request."""

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
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=timezone.now())
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
                "API-sleutel van een ketensysteem, uitgegeven door de functioneel beheerder."
            ),
        }
