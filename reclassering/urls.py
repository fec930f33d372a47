from django.urls import path

from . import views

app_name = "reclassering"

urlpatterns = [
    path("clienten/", views.clienten, name="clienten"),
    path("clienten/<int:pk>/advies/", views.advies, name="advies"),
]
