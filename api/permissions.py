"""Scopes of API keys (issue 17, ADR 0007): each view declares the scope a key needs to read
and the scope it needs to write; a key without it gets 403 naming the missing scope. Browser
sessions (a logged-in user trying the API) have no key and no scopes: their role decides."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class ScopeOntbreekt(PermissionDenied):
    def __init__(self, scope: str):
        super().__init__(_("Deze API-sleutel heeft de scope %(scope)s niet.") % {"scope": scope})
        self.scope = scope


def vereiste_scope(view, methode: str) -> str | None:
    """The scope a request with this method needs at this view: `scope_lezen` for GET/HEAD/
    OPTIONS, `scope_schrijven` for the rest. None: the view declares none."""
    naam = "scope_lezen" if methode.upper() in SAFE_METHODS else "scope_schrijven"
    return getattr(view, naam, None)


class ScopeVereist(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, ApiToken):
            return True
        scope = vereiste_scope(view, request.method)
        # A view that declares no scope for this method is not for keys at all.
        if scope is None or scope not in request.auth.scopes:
            raise ScopeOntbreekt(scope or _("(geen)"))
        return True
