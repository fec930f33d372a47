from django.urls import path

from . import views

app_name = "signalering"

urlpatterns = [
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/gelezen/", views.gelezen, name="gelezen"),
    path("meldingen/email/", views.email_voorkeur, name="email_voorkeur"),
    path("signaleringen/escalaties/", views.escalaties, name="escalaties"),
]
