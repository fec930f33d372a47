from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.overzicht, name="overzicht"),
    path("dashboard/<slug:tabel>.csv", views.csv_export, name="csv"),
    path("dashboard/gemeenten-zonder-bereik/", views.zonder_bereik, name="zonder_bereik"),
    path("caseload/overdragen/", views.caseload_overdragen, name="caseload_overdragen"),
    path("caseload/norm/", views.caseloadnorm, name="caseloadnorm"),
]
