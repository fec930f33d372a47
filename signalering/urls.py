from django.urls import path

from . import views

app_name = "signalering"

urlpatterns = [
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/gelezen/", views.gelezen, name="gelezen"),
    path("meldingen/instellingen/", views.instellingen, name="instellingen"),
    path("signaleringen/escalaties/", views.escalaties, name="escalaties"),
]
