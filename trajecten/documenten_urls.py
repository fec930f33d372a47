"""Routes of trajecten.documenten; included in trajecten/urls.py (namespace `trajecten`)."""

from django.urls import path

from . import documenten

urlpatterns = [
    path(
        "trajecten/<int:pk>/informatieblad.pdf",
        documenten.informatieblad_pdf,
        name="document_informatieblad_pdf",
    ),
    path(
        "trajecten/<int:pk>/overdracht/document/",
        documenten.overdracht,
        name="document_overdracht",
    ),
    path(
        "trajecten/<int:pk>/overdracht.pdf",
        documenten.overdracht_pdf,
        name="document_overdracht_pdf",
    ),
]
