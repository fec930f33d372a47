from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.Inloggen.as_view(), name="login"),
    # The second factor (issue 17): enrolment, recovery codes shown once, the code of each login.
    path("inloggen/tweede-stap/instellen/", views.mfa_instellen, name="mfa_instellen"),
    path("inloggen/tweede-stap/herstelcodes/", views.mfa_herstelcodes, name="mfa_herstelcodes"),
    path("inloggen/tweede-stap/", views.mfa_code, name="mfa_code"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("sessie/verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    path("healthz/", views.healthz, name="healthz"),
    path("adresboek/", views.adresboek, name="adresboek"),
    path("beheer/uitnodigingen/", views.uitnodigingen, name="uitnodigingen"),
    path("uitnodiging/<str:token>/", views.uitnodiging_aannemen, name="uitnodiging_aannemen"),
]
