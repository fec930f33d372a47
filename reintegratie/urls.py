from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ketenpartners.views import beheer_login

admin.site.site_header = _("reintegratie — functioneel beheer")
admin.site.site_title = _("Functioneel beheer")
admin.site.index_title = _("Organisaties, accounts en contactpunten")

urlpatterns = [
    # ketenpartners first: its /beheer/uitnodigingen/ (a screen outside the Django admin) must
    # be matched before the admin's catch-all.
    path("", include("ketenpartners.urls")),
    path("", include("bewaring.urls")),  # /beheer/inzageverzoek/, before the admin too
    # The admin's login is no side door: it sends to /inloggen/ (lockout, second factor).
    path("beheer/login/", beheer_login, name="beheer_login"),
    path("beheer/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("trajecten.urls")),
    path("", include("signalering.urls")),
    path("", include("audit.urls")),
    path("", include("dashboard.urls")),
    path("", include("nazorg.urls")),
    path("", include("reclassering.urls")),
]

# A Dutch 500, or a Dutch 503 when the database cannot be reached (reintegratie/fouten.py).
handler500 = "reintegratie.fouten.serverfout"
