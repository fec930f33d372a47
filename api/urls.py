from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import abonnementen, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("trajecten", views.TrajectViewSet, basename="traject")
router.register("contactpunten", views.ContactpuntViewSet, basename="contactpunt")
router.register("signaleringen", views.SignaleringViewSet, basename="signalering")
router.register("meldingen", views.MeldingViewSet, basename="melding")
router.register("abonnementen", abonnementen.AbonnementViewSet, basename="abonnement")

# DRF marks its views login_required=False: it authenticates itself (session or key) and
# answers 401/403 as problem details; IsAuthenticated guards every endpoint, schema and docs too.
api_v1 = [
    *router.urls,
    # Issue 16: the gemeente's system acknowledges a new detention it fetched.
    path("trajecten/<int:pk>/gezien/", abonnementen.GezienView.as_view(), name="traject-gezien"),
]

app_name = "api"

urlpatterns = [
    path("v1/", include(api_v1)),
    # Last under v1/: an address no operation has is a 404 problem, not an HTML page.
    re_path(r"^v1/", views.OnbekendAdres.as_view(), name="onbekend"),
    # Schema and docs: for logged-in users only (LoginRequiredMiddleware), served offline.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start script as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
