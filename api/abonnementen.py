"""Event subscriptions in the API (issue 16, ADR 0021): a system registers a callback URL for
kinds of events, rotates its signing secret, resumes a paused subscription and reads the
delivery log - only its own organisation's, only with the scope `abonnementen:beheren`. And
the acknowledgement a gemeente's system gives after fetching a new detention: `gezien`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from abonnementen import selectors as abonnementselectors
from abonnementen import services as abonnementdiensten
from abonnementen.models import Abonnement, Afleverstatus, Eventsoort
from trajecten import access
from trajecten import services as trajectdiensten

from .models import ApiToken, Scope

PROBLEMEN = {
    400: OpenApiResponse(description="Ongeldige invoer (problem+json, met errors per veld)"),
    401: OpenApiResponse(description="Geen of een ongeldige API-sleutel"),
    403: OpenApiResponse(description="De sleutel mist de scope abonnementen:beheren"),
    404: OpenApiResponse(description="Niet gevonden of niet van uw organisatie"),
    429: OpenApiResponse(description="Te veel verzoeken"),
}


def _problemen(*codes: int) -> dict:
    return {c: PROBLEMEN[c] for c in codes}


class AbonnementIn(serializers.Serializer):
    naam = serializers.CharField(max_length=100)
    url = serializers.CharField(
        max_length=500,
        help_text=gettext_lazy("https-URL die de CloudEvents ontvangt (POST)"),
    )
    soorten = serializers.ListField(
        child=serializers.ChoiceField(choices=Eventsoort.choices), min_length=1, max_length=10
    )
    melden_aan = serializers.EmailField(
        max_length=254,
        help_text=gettext_lazy("Wie hoort het als het abonnement gepauzeerd wordt"),
    )


class AbonnementOut(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    url = serializers.CharField()
    soorten = serializers.ListField(child=serializers.ChoiceField(choices=Eventsoort.choices))
    melden_aan = serializers.EmailField()
    aangemaakt_op = serializers.DateTimeField()
    gepauzeerd_op = serializers.DateTimeField(allow_null=True)
    falend_sinds = serializers.DateTimeField(allow_null=True)


class AbonnementMetGeheimOut(AbonnementOut):
    geheim = serializers.CharField(
        help_text=gettext_lazy("Sleutel van de HMAC-SHA256-handtekening; wordt alleen nu getoond.")
    )


class GeheimOut(serializers.Serializer):
    geheim = serializers.CharField()


class PogingOut(serializers.Serializer):
    op = serializers.DateTimeField()
    gelukt = serializers.BooleanField()
    statuscode = serializers.IntegerField(allow_null=True)
    fout = serializers.CharField(allow_blank=True)
    duur_ms = serializers.IntegerField()


class AfleveringOut(serializers.Serializer):
    event_id = serializers.UUIDField()
    soort = serializers.ChoiceField(choices=Eventsoort.choices)
    traject = serializers.IntegerField(source="traject_id")
    status = serializers.ChoiceField(choices=Afleverstatus.choices)
    pogingen = serializers.IntegerField()
    aangemaakt_op = serializers.DateTimeField()
    volgende_poging = serializers.DateTimeField(allow_null=True)
    afgeleverd_op = serializers.DateTimeField(allow_null=True)
    log = PogingOut(many=True)


class GezienOut(serializers.Serializer):
    traject = serializers.IntegerField(source="pk")
    gezien_op = serializers.DateTimeField(source="gezien_door_gemeente_op")


def _alleen_sleutels(request) -> None:
    """Subscriptions belong to a system: a browser session has no key and gets 403."""
    if not isinstance(request.auth, ApiToken):
        raise PermissionDenied(_("Abonnementen beheert u met een API-sleutel."))


@extend_schema(tags=["abonnementen"])
@extend_schema_view(
    list=extend_schema(
        summary="Abonnementen van uw organisatie",
        responses={200: AbonnementOut(many=True), **_problemen(400, 401, 403, 429)},
    ),
    retrieve=extend_schema(
        summary="Eén abonnement",
        responses={200: AbonnementOut, **_problemen(401, 403, 404, 429)},
    ),
    create=extend_schema(
        summary="Abonnement aanmaken",
        description=(
            "Registreer een callback-URL (https) voor soorten gebeurtenissen. Elke gebeurtenis "
            "komt als CloudEvent (structured JSON), ondertekend met het geheim uit dit antwoord "
            "(kop Reintegratie-Handtekening: t=<unix-tijd>,v1=<hex HMAC-SHA256 van "
            "'<t>.<body>'>). Alleen gebeurtenissen van trajecten die uw organisatie mag zien; "
            "alleen ids en links, geen persoonsgegevens."
        ),
        request=AbonnementIn,
        responses={201: AbonnementMetGeheimOut, **_problemen(400, 401, 403, 429)},
    ),
    destroy=extend_schema(
        summary="Abonnement beëindigen",
        responses={204: None, **_problemen(401, 403, 404, 429)},
    ),
)
class AbonnementViewSet(viewsets.GenericViewSet):
    """Abonnementen op gebeurtenissen (CloudEvents) van uw organisatie."""

    serializer_class = AbonnementOut
    scope_lezen = Scope.ABONNEMENTEN_BEHEREN
    scope_schrijven = Scope.ABONNEMENTEN_BEHEREN
    queryset = Abonnement.objects.none()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        _alleen_sleutels(request)

    def get_queryset(self):
        return abonnementselectors.abonnementen_van(self.request.user)

    def _abonnement(self, pk) -> Abonnement:
        if not str(pk).isdigit() or len(str(pk)) > 18:
            raise Http404
        abonnement = self.get_queryset().filter(pk=int(pk)).first()
        if abonnement is None:
            raise Http404
        return abonnement

    def list(self, request):
        pagina = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AbonnementOut(pagina, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(AbonnementOut(self._abonnement(pk)).data)

    def create(self, request):
        invoer = AbonnementIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        # The service's Django ValidationError becomes a 400 with errors per field.
        abonnement, geheim = abonnementdiensten.maak_abonnement(
            acting_user=request.user, **invoer.validated_data
        )
        uit = AbonnementMetGeheimOut({**AbonnementOut(abonnement).data, "geheim": geheim})
        return Response(uit.data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        abonnementdiensten.verwijder(acting_user=request.user, abonnement=self._abonnement(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Nieuw geheim",
        description="Het oude geheim vervalt meteen; de volgende poging is met het nieuwe.",
        request=None,
        responses={200: GeheimOut, **_problemen(401, 403, 404, 429)},
    )
    @action(detail=True, methods=["post"], url_path="geheim-vernieuwen")
    def geheim_vernieuwen(self, request, pk=None):
        geheim = abonnementdiensten.vernieuw_geheim(
            acting_user=request.user, abonnement=self._abonnement(pk)
        )
        return Response({"geheim": geheim})

    @extend_schema(
        summary="Gepauzeerd abonnement hervatten",
        description="Alles wat wachtte wordt meteen opnieuw afgeleverd.",
        request=None,
        responses={200: AbonnementOut, **_problemen(401, 403, 404, 429)},
    )
    @action(detail=True, methods=["post"])
    def hervatten(self, request, pk=None):
        abonnement = abonnementdiensten.hervat(
            acting_user=request.user, abonnement=self._abonnement(pk)
        )
        return Response(AbonnementOut(abonnement).data)

    @extend_schema(
        summary="Afleverlog",
        description="Elke gebeurtenis voor dit abonnement met elke afleverpoging, nieuwste eerst.",
        responses={200: AfleveringOut(many=True), **_problemen(400, 401, 403, 404, 429)},
    )
    @action(detail=True, methods=["get"])
    def afleveringen(self, request, pk=None):
        abonnement = self._abonnement(pk)
        pagina = self.paginate_queryset(abonnementselectors.afleveringen_van(abonnement))
        return self.get_paginated_response(AfleveringOut(pagina, many=True).data)


class GezienView(APIView):
    """`POST /api/v1/trajecten/{id}/gezien/`: the gemeente has seen the new detention - the
    same acknowledgement as 'Gezien' in the inbox (trajecten.services.bevestig_ontvangst)."""

    scope_schrijven = Scope.TRAJECTEN_SCHRIJVEN

    @extend_schema(
        tags=["trajecten"],
        summary="Nieuwe detentie gezien (gemeente)",
        description=(
            "De gemeente bevestigt dat zij de nieuwe detentie heeft gezien, zoals 'Gezien' in "
            "de inbox. De eerste bevestiging telt; nogmaals geeft hetzelfde antwoord."
        ),
        request=None,
        responses={
            200: GezienOut,
            401: PROBLEMEN[401],
            403: OpenApiResponse(description="Alleen de gemeente van het traject"),
            404: PROBLEMEN[404],
            429: PROBLEMEN[429],
        },
    )
    def post(self, request, pk: int):
        traject = access.traject_voor_of_404(request.user, pk, url=request.path)
        try:
            traject = trajectdiensten.bevestig_ontvangst(acting_user=request.user, traject=traject)
        except DjangoPermissionDenied as fout:
            raise PermissionDenied(_("Alleen de gemeente van dit traject bevestigt dit.")) from fout
        return Response(GezienOut(traject).data)
