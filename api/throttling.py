"""The API throttle, shared through Redis (issue 17): every worker process and container counts
in one place, so N workers do not allow N times the rate."""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle

from .models import ApiToken

CACHE_ALIAS = "gedeeld"


class PerSleutel(UserRateThrottle):
    """Per key (its prefix), or per user for a browser session; rate `API_THROTTLE`."""

    scope = "user"

    def __init__(self, cache=None):
        self.cache = cache if cache is not None else caches[CACHE_ALIAS]
        super().__init__()

    def get_rate(self):
        # Read at every request, not at import: the setting may change (tests, reloads).
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": "sleutel", "ident": request.auth.prefix}
        return super().get_cache_key(request, view)
