from django.urls import path

from . import views

app_name = "bewaring"

urlpatterns = [
    path("beheer/inzageverzoek/", views.inzageverzoek, name="inzageverzoek"),
]
