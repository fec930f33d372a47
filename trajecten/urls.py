from django.urls import path

from . import documenten_urls, views

app_name = "trajecten"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("trajecten/nieuw/", views.intake, name="intake"),
    path("trajecten/<int:pk>/", views.detail, name="detail"),
    path("trajecten/<int:pk>/gegevens/", views.gegevens, name="gegevens"),
    path("trajecten/<int:pk>/corrigeren/", views.corrigeren, name="corrigeren"),
    path("trajecten/<int:pk>/overplaatsen/", views.overplaatsen, name="overplaatsen"),
    path(
        "trajecten/<int:pk>/terugkeergemeente/", views.terugkeergemeente, name="terugkeergemeente"
    ),
    path(
        "trajecten/<int:pk>/basisvoorwaarden/<str:domein>/",
        views.basisvoorwaarde,
        name="basisvoorwaarde",
    ),
    path(
        "trajecten/<int:pk>/basisvoorwaarden/<str:domein>/acties/",
        views.actie_toevoegen,
        name="actie_toevoegen",
    ),
    path(
        "trajecten/<int:pk>/acties/<int:actie_pk>/status/",
        views.actie_status,
        name="actie_status",
    ),
    path("acties/", views.mijn_acties, name="mijn_acties"),
    path(
        "trajecten/<int:pk>/basisvoorwaarden/<str:domein>/voorbereidingen/",
        views.voorbereiding_toevoegen,
        name="voorbereiding_toevoegen",
    ),
    path(
        "trajecten/<int:pk>/basisvoorwaarden/<str:domein>/voorbereidingen/<int:vpk>/",
        views.voorbereiding,
        name="voorbereiding",
    ),
    path("trajecten/<int:pk>/contactmomenten/nieuw/", views.contactmoment, name="contactmoment"),
    path("trajecten/<int:pk>/gemeente-bereikt/", views.gemeente_bereikt, name="gemeente_bereikt"),
    path("trajecten/<int:pk>/gesprekken/nieuw/", views.gesprek_plannen, name="gesprek_plannen"),
    path(
        "trajecten/<int:pk>/gesprekken/<int:gesprek_pk>/uitnodiging.ics",
        views.gesprek_ics,
        name="gesprek_ics",
    ),
    path(
        "trajecten/<int:pk>/gesprekken/<int:gesprek_pk>/verslag/",
        views.gesprek_verslag,
        name="gesprek_verslag",
    ),
    path("trajecten/<int:pk>/plan/", views.plan, name="plan"),
    path("trajecten/<int:pk>/plan/vaststellen/", views.plan_vaststellen, name="plan_vaststellen"),
    path("trajecten/<int:pk>/informatieblad/", views.informatieblad, name="informatieblad"),
    path(
        "trajecten/<int:pk>/informatieblad/delen/",
        views.informatieblad_delen,
        name="informatieblad_delen",
    ),
    path("trajecten/<int:pk>/mijn-plan/", views.mijn_plan, name="mijn_plan"),
    path("trajecten/<int:pk>/mijn-plan.pdf", views.mijn_plan_pdf, name="mijn_plan_pdf"),
    path("trajecten/<int:pk>/risicos/", views.risicos, name="risicos"),
    path("trajecten/<int:pk>/beperken/", views.beperken, name="beperken"),
    path("trajecten/<int:pk>/overdracht/", views.overdracht_concept, name="overdracht_concept"),
    path("trajecten/<int:pk>/uitstroom/", views.uitstroom, name="uitstroom"),
    path(
        "trajecten/<int:pk>/uitstroom/controleren/",
        views.uitstroom_controleren,
        name="uitstroom_controleren",
    ),
    path("trajecten/<int:pk>/inzage/", views.inzage, name="inzage"),
    path(
        "trajecten/<int:pk>/overdracht/ontvangen/",
        views.overdracht_ontvangen,
        name="overdracht_ontvangen",
    ),
    path("trajecten/<int:pk>/nazorg/afsluiten/", views.nazorg_afsluiten, name="nazorg_afsluiten"),
    *documenten_urls.urlpatterns,
]
