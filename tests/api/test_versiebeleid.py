"""Deprecation within v1 (ADR 0022): an operation marked `@verouderd` answers with `Deprecation`,
`Sunset` and `Link`, also when it answers with a problem, and the schema marks it deprecated with
those headers documented. v1 has no deprecated operation yet, so this test brings its own."""

import datetime

import pytest
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.test import APIClient

from api.models import Scope
from api.versiebeleid import verouderd

SINDS = datetime.date(2026, 12, 1)
SUNSET = datetime.date(2027, 6, 1)


class OudeViewSet(viewsets.ViewSet):
    scope_lezen = Scope.TRAJECTEN_LEZEN

    @extend_schema(responses=inline_serializer("Oud", {"oud": serializers.BooleanField()}))
    @verouderd(sinds=SINDS, sunset=SUNSET, opvolger="https://reintegratie.example/api/v1/nieuw/")
    def list(self, request):
        if request.query_params.get("weg"):
            raise NotFound
        return Response({"oud": True})


class NieuweViewSet(viewsets.ViewSet):
    scope_lezen = Scope.TRAJECTEN_LEZEN

    @extend_schema(responses=inline_serializer("Nieuw", {"nieuw": serializers.BooleanField()}))
    def list(self, request):
        return Response({"nieuw": True})


router = SimpleRouter()
router.register("oud", OudeViewSet, basename="oud")
router.register("nieuw", NieuweViewSet, basename="nieuw")
urlpatterns = [path("api/v1/", include(router.urls))]


@pytest.fixture
def client(demo):
    client = APIClient()
    client.force_authenticate(demo["nazorg1"])
    return client


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("query", [{}, {"weg": "1"}])
def test_a_deprecated_operation_says_since_when_until_when_and_where_to_go(client, query):
    antwoord = client.get("/api/v1/oud/", query)
    assert antwoord.status_code == (404 if query else 200)
    assert antwoord["Deprecation"] == "@1796083200"  # 2026-12-01T00:00:00Z
    assert antwoord["Sunset"] == "Tue, 01 Jun 2027 00:00:00 GMT"
    assert antwoord["Link"] == (
        '<https://reintegratie.example/api/versiebeleid>; rel="deprecation", '
        '<https://reintegratie.example/api/v1/nieuw/>; rel="successor-version"'
    )


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_operation_that_is_not_deprecated_has_no_such_headers(client):
    antwoord = client.get("/api/v1/nieuw/")
    assert antwoord.status_code == 200
    assert not {"Deprecation", "Sunset", "Link"} & set(antwoord.headers)


def test_the_schema_marks_the_deprecated_operation_and_documents_its_headers():
    document = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    oud = document["paths"]["/api/v1/oud/"]["get"]
    assert oud["deprecated"] is True
    for antwoord in oud["responses"].values():
        assert {"Deprecation", "Sunset", "Link"} <= set(antwoord["headers"])
    assert "deprecated" not in document["paths"]["/api/v1/nieuw/"]["get"]


def test_a_sunset_is_at_least_six_months_after_the_deprecation():
    with pytest.raises(ValueError, match="zes maanden"):
        verouderd(sinds=SINDS, sunset=SINDS + datetime.timedelta(days=90))
