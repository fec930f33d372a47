from django.urls import path

from . import views

app_name = "nazorg"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/contactpunt/", views.contactpunt, name="contactpunt"),
    path("inbox/<int:pk>/gezien/", views.gezien, name="gezien"),
    path("inbox/<int:pk>/oppakken/", views.oppakken, name="oppakken"),
    path("inbox/<int:pk>/actie/", views.gemeente_actie, name="actie"),
    path(
        "inbox/<int:pk>/niet-onze-gemeente/",
        views.niet_onze_gemeente,
        name="niet_onze_gemeente",
    ),
]
