from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", views.healthz, name="healthz"),
    path("adresboek/", views.adresboek, name="adresboek"),
    path("beheer/uitnodigingen/", views.uitnodigingen, name="uitnodigingen"),
    path("uitnodiging/<str:token>/", views.uitnodiging_aannemen, name="uitnodiging_aannemen"),
]
