"""The chain's API, v1. Every endpoint reads through the access door and writes through the
same services as the browser; errors are problem details (api/problemen.py)."""

import re

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenpartners.deelmatrix import zicht
from ketenpartners.models import Contactpunt
from ketenpartners.rollen import Rol
from reintegratie.routers import lees_van_replica
from reintegratie.versies import VerouderdeVersie
from signalering.models import Signalering
from trajecten import access, selectors
from trajecten import services as trajectdiensten
from trajecten.keuzes import Fase
from trajecten.models import Actie, Basisvoorwaarde, Trajectgesprek
from trajecten.querysets import PaginaEerst

from . import serializers as s
from . import services
from .models import Scope
from .problemen import probleem

ACTIE_ID = OpenApiParameter("actie_id", int, OpenApiParameter.PATH)
DOMEIN = OpenApiParameter(
    "domein", str, OpenApiParameter.PATH, enum=[d for d, _ in s.Domein.choices]
)
# Every PATCH of a versioned record (ADR 0010): If-Match required, 412 when stale, 428 without.
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="De ETag van de versie waarvan u uitgaat",
)
VERSIE_ANTWOORDEN = {
    412: OpenApiResponse(description="Intussen door een ander gewijzigd"),
    428: OpenApiResponse(description="If-Match ontbreekt"),
}


def etag(obj) -> dict[str, str]:
    """A strong ETag of a record with optimistic locking: its version (ADR 0010)."""
    return {"ETag": f'"v{obj.versie}"'}


class IfMatchOntbreekt(APIException):
    status_code = 428
    default_detail = _(
        "Stuur de ETag van uw laatste GET als If-Match, zodat een wijziging van een ander "
        "niet ongezien wordt overschreven."
    )


def versie_uit_if_match(request) -> int | None:
    """The version an If-Match names; None when it names none we issued (then the write is
    refused as stale: 412). `*` is not accepted: it would skip the check."""
    waarde = request.headers.get("If-Match", "").strip()
    if not waarde or waarde == "*":
        raise IfMatchOntbreekt()
    for tag in waarde.split(","):
        if m := re.fullmatch(r'"v(\d{1,9})"', tag.strip()):
            return int(m.group(1))
    return None


def _acties_zichtbaar(user) -> None:
    """Actions are in the sharing matrix (basisvoorwaarde: acties); a role without them (ZVH)
    finds no actions endpoint, as if it were not there."""
    if "acties" not in zicht(user.rol).basisvoorwaarde:
        raise Http404


def _termijnen_voor_vandaag():
    vrij = selectors.brugdagen()
    vandaag = timezone.localdate()
    return lambda t: selectors.termijnen_van(t, vandaag=vandaag, vrije_dagen=vrij)


@extend_schema(tags=["trajecten"])
class TrajectViewSet(viewsets.GenericViewSet):
    """Trajecten die u mag zien: van uw PI, terugkerend naar uw gemeente, of waarbij uw
    reclassering betrokken is. Velden volgen de deelmatrix van uw rol."""

    serializer_class = s.TrajectOut
    scope_lezen = Scope.TRAJECTEN_LEZEN
    scope_schrijven = Scope.TRAJECTEN_SCHRIJVEN

    def get_queryset(self):
        return self._rijen(self._gefilterd(access.trajecten_voor(self.request.user)))

    @staticmethod
    def _rijen(qs):
        """What a trajectory of the API shows (for one, or for the rows of one page)."""
        return (
            selectors.met_termijndata(qs)
            .met_betrokkenen()
            .select_related("plan", "overdracht")
            .prefetch_related(
                Prefetch("basisvoorwaarden", queryset=Basisvoorwaarde.objects.all()), "gesprekken"
            )
        )

    def _gefilterd(self, qs):
        p = self.request.query_params
        if "fase" in p:
            if p["fase"] not in Fase.values:
                raise ValidationError(
                    {"fase": [_("Onbekende fase: kies uit %s.") % ", ".join(Fase.values)]}
                )
            qs = qs.filter(fase=p["fase"])
        if p.get("gemeente"):
            qs = qs.van_gemeente(code=p["gemeente"])
        qs = selectors.zoek_op_naam(qs, p.get("zoek", ""))
        return qs.order_by("-binnenkomst_datum", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "termijnen": _termijnen_voor_vandaag()}

    @extend_schema(
        summary="Lijst van trajecten",
        parameters=[
            OpenApiParameter(
                "fase", str, enum=Fase.values, description="Alleen trajecten in deze fase"
            ),
            OpenApiParameter("gemeente", str, description="CBS-code, bijvoorbeeld GM0153"),
            OpenApiParameter("zoek", str, description="Zoek op naam"),
        ],
    )
    def list(self, request):
        # Count and page ids through the door first, then the rows of the page (issue 18). The
        # door (grants, `beperkt`) is read on the primary: a lagging replica could still show a
        # case just restricted or a grant just withdrawn (ADR 0027). Only the enrichment of the
        # page's rows, by id, reads from the replica when there is one.
        sleutels = self._gefilterd(access.trajecten_voor(request.user)).using("default")
        with lees_van_replica():
            pagina = self.paginate_queryset(PaginaEerst(sleutels, self._rijen))
            data = self.get_serializer(pagina, many=True).data
        access.registreer_lijst(request.user, [t.pk for t in pagina], url=request.path)
        return self.get_paginated_response(data)

    @extend_schema(
        summary="Eén traject",
        responses={
            200: s.TrajectDetailOut,
            404: OpenApiResponse(description="Niet gevonden of niet van u"),
        },
    )
    def retrieve(self, request, pk=None):
        traject = access.traject_voor_of_404(
            request.user, pk, queryset=self.get_queryset(), url=request.path
        )
        context = {
            **self.get_serializer_context(),
            "detail": True,
            "voorbereidingen": selectors.voorbereidingen_van,
        }
        return Response(s.TrajectDetailOut(traject, context=context).data)

    def _traject(self, request, pk):
        return access.traject_voor_of_404(request.user, pk, url=request.path)

    @extend_schema(
        summary="Basisvoorwaarden van een traject", responses=s.BasisvoorwaardeOut(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def basisvoorwaarden(self, request, pk=None):
        traject = self._traject(request, pk)
        return Response(
            s.BasisvoorwaardeOut(
                traject.basisvoorwaarden.order_by("pk"), many=True, context={"request": request}
            ).data
        )

    @extend_schema(
        summary="Eén basisvoorwaarde",
        methods=["GET"],
        responses={
            200: OpenApiResponse(
                s.BasisvoorwaardeOut, description="Met ETag: stuur die als If-Match bij PATCH"
            ),
            404: OpenApiResponse(description="Niet gevonden"),
        },
        parameters=[DOMEIN],
    )
    @extend_schema(
        summary="Basisvoorwaarde bijwerken",
        description=(
            "Alleen de velden die u stuurt veranderen. Stuur de ETag van uw laatste GET als "
            "If-Match: heeft een ander de basisvoorwaarde intussen gewijzigd, dan volgt 412 met "
            "de opgeslagen versie (`actueel`); zonder If-Match volgt 428."
        ),
        methods=["PATCH"],
        request=s.BasisvoorwaardeIn,
        responses={
            200: s.BasisvoorwaardeOut,
            400: OpenApiResponse(description="Ongeldige invoer"),
            404: OpenApiResponse(description="Niet gevonden"),
            **VERSIE_ANTWOORDEN,
        },
        parameters=[
            DOMEIN,
            IF_MATCH,
        ],
    )
    @action(detail=True, methods=["get", "patch"], url_path=r"basisvoorwaarden/(?P<domein>[a-z_]+)")
    def basisvoorwaarde(self, request, pk=None, domein=None):
        traject = self._traject(request, pk)
        bv = get_object_or_404(Basisvoorwaarde, traject=traject, domein=domein)
        context = {"request": request}
        if request.method == "GET":
            return Response(s.BasisvoorwaardeOut(bv, context=context).data, headers=etag(bv))
        if not access.mag_voorwaarden_bijwerken(request.user, traject):
            raise PermissionDenied()
        versie = versie_uit_if_match(request)
        invoer = s.BasisvoorwaardeIn(data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        # PATCH: what was not sent stays as it is (ADR 0007).
        gegevens = {
            "status": bv.status,
            "hulpvraag": bv.hulpvraag,
            "notities": bv.notities,
            "uitvoerende_partner": bv.uitvoerende_partner,
            **invoer.validated_data,
        }
        try:
            bv = trajectdiensten.werk_basisvoorwaarde_bij(
                acting_user=request.user, basisvoorwaarde=bv, versie=versie, **gegevens
            )
        except VerouderdeVersie as fout:
            return probleem(
                412,
                fout.melding,
                instance=request.path,
                headers=etag(fout.actueel),
                actueel=s.BasisvoorwaardeOut(fout.actueel, context=context).data,
            )
        return Response(s.BasisvoorwaardeOut(bv, context=context).data, headers=etag(bv))

    @extend_schema(
        summary="Acties (wie doet wat)", methods=["GET"], responses=s.ActieOut(many=True)
    )
    @extend_schema(
        summary="Actie toevoegen",
        methods=["POST"],
        request=s.ActieIn,
        responses={201: s.ActieOut, 400: OpenApiResponse(description="Ongeldige invoer")},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def acties(self, request, pk=None):
        traject = self._traject(request, pk)
        _acties_zichtbaar(request.user)
        if request.method == "GET":
            acties = Actie.objects.filter(basisvoorwaarde__traject=traject).select_related(
                "basisvoorwaarde", "organisatie"
            )
            return Response(s.ActieOut(acties, many=True).data)
        invoer = s.ActieIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        bv = traject.basisvoorwaarden.get(domein=invoer.validated_data["domein"])
        actie = trajectdiensten.voeg_actie_toe(
            acting_user=request.user,
            basisvoorwaarde=bv,
            omschrijving=invoer.validated_data["omschrijving"],
            organisatie=request.user.organisatie,
            uiterlijk_datum=invoer.validated_data["uiterlijk_datum"],
        )
        return Response(s.ActieOut(actie).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Eén actie",
        methods=["GET"],
        responses={
            200: OpenApiResponse(
                s.ActieOut, description="Met ETag: stuur die als If-Match bij PATCH"
            ),
            404: OpenApiResponse(description="Niet gevonden"),
        },
        parameters=[ACTIE_ID],
    )
    @extend_schema(
        summary="Status van een actie wijzigen",
        description=(
            "open → bezig → gedaan, of vervallen met een reden (`vervallen_reden`); een gedane "
            "of vervallen actie kan weer open of bezig. Alleen de organisatie die de actie "
            "heeft, wijzigt haar; een actie van een andere organisatie geeft 404. Stuur de ETag "
            "van uw laatste GET als If-Match: is de actie intussen gewijzigd, dan volgt 412 met "
            "de opgeslagen versie (`actueel`); zonder If-Match volgt 428."
        ),
        methods=["PATCH"],
        request=s.ActieStatusIn,
        responses={
            200: s.ActieOut,
            400: OpenApiResponse(description="Ongeldige status, of vervallen zonder reden"),
            404: OpenApiResponse(description="Niet gevonden, of een actie van een ander"),
            **VERSIE_ANTWOORDEN,
        },
        parameters=[
            ACTIE_ID,
            IF_MATCH,
        ],
    )
    @action(detail=True, methods=["get", "patch"], url_path=r"acties/(?P<actie_id>[0-9]{1,18})")
    def actie(self, request, pk=None, actie_id=None):
        traject = self._traject(request, pk)
        _acties_zichtbaar(request.user)
        actie = selectors.actie_van(traject, int(actie_id))
        if request.method == "GET":
            return Response(s.ActieOut(actie).data, headers=etag(actie))
        if not access.mag_actie_bijwerken(request.user, traject, actie):
            # Another organisation's action: as if it were not there (issue 11).
            raise Http404
        versie = versie_uit_if_match(request)
        invoer = s.ActieStatusIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            actie = trajectdiensten.zet_actiestatus(
                acting_user=request.user, actie=actie, versie=versie, **invoer.validated_data
            )
        except VerouderdeVersie as fout:
            actueel = selectors.actie_van(traject, actie.pk)
            return probleem(
                412,
                fout.melding,
                instance=request.path,
                headers=etag(actueel),
                actueel=s.ActieOut(actueel).data,
            )
        return Response(s.ActieOut(actie).data, headers=etag(actie))

    @extend_schema(summary="Trajectgesprekken", methods=["GET"], responses=s.GesprekOut(many=True))
    @extend_schema(
        summary="Gesprek plannen",
        methods=["POST"],
        request=s.GesprekIn,
        responses={201: s.GesprekOut, 400: OpenApiResponse(description="Ongeldige invoer")},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def trajectgesprekken(self, request, pk=None):
        traject = self._traject(request, pk)
        if request.method == "GET":
            return Response(
                s.GesprekOut(Trajectgesprek.objects.filter(traject=traject), many=True).data
            )
        invoer = s.GesprekIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        gesprek = trajectdiensten.plan_gesprek(
            acting_user=request.user, traject=traject, **invoer.validated_data
        )
        return Response(s.GesprekOut(gesprek).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["adresboek"],
    parameters=[OpenApiParameter("q", str, description="Zoek op organisatie of contactpunt")],
)
class ContactpuntViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Het adresboek: wie bel of mail ik bij deze organisatie."""

    serializer_class = s.ContactpuntOut
    scope_lezen = Scope.TRAJECTEN_LEZEN

    def get_queryset(self):
        qs = Contactpunt.objects.filter(organisatie__actief=True).select_related("organisatie")
        q = self.request.query_params.get("q", "").strip()[:100]
        if q:
            qs = qs.filter(
                Q(organisatie__naam__icontains=q)
                | Q(naam__icontains=q)
                | Q(organisatie__code__iexact=q)
            )
        return qs.order_by("organisatie__naam", "naam")


@extend_schema(tags=["signaleringen"])
class SignaleringViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Gemiste termijnen van trajecten die u mag zien, open eerst."""

    serializer_class = s.SignaleringOut
    scope_lezen = Scope.TRAJECTEN_LEZEN

    def get_queryset(self):
        return Signalering.objects.filter(
            traject__in=access.trajecten_voor(self.request.user)
        ).order_by("opgelost_datum", "uiterlijk", "pk")

    def list(self, request):
        # The trajectories whose signals are shown are recorded, as every list is (issue 17).
        # The door's query (count and page) on the primary, like the trajecten list (ADR 0027);
        # only what the serializer reads for the page's rows may come from the replica.
        pagina = self.paginate_queryset(self.get_queryset())
        with lees_van_replica():
            data = self.get_serializer(pagina, many=True).data
        access.registreer_lijst(
            request.user, sorted({s.traject_id for s in pagina}), url=request.path
        )
        return self.get_paginated_response(data)


@extend_schema(tags=["meldingen"])
class MeldingViewSet(viewsets.GenericViewSet):
    """Detentiemeldingen van ketensystemen (Injus, TULP)."""

    serializer_class = s.MeldingIn
    scope_schrijven = Scope.MELDINGEN_SCHRIJVEN

    @extend_schema(
        summary="Detentiemelding ontvangen",
        description=(
            "Idempotent op externe_referentie, per verzendende organisatie: dezelfde melding "
            "nogmaals geeft hetzelfde antwoord (200); dezelfde referentie met andere inhoud geeft "
            "409 (zonder gegevens van het traject). Dezelfde referentie van een andere "
            "organisatie is een andere melding. Een nieuwe melding maakt een traject in fase "
            "instroom en zet het in de inbox van de gemeente (201). "
            "Is het BSN van een al bekende persoon, dan is bevestig_bestaande_persoon: true "
            "nodig (anders 409, zonder gegevens van die persoon); loopt er voor die persoon al "
            "een detentie, dan 409 met een neutrale melding."
        ),
        request=s.MeldingIn,
        responses={
            201: s.MeldingOut,
            200: s.MeldingOut,
            400: OpenApiResponse(description="Ongeldige invoer"),
            409: OpenApiResponse(
                description="Zelfde referentie met andere inhoud, BSN van een bekende persoon "
                "zonder bevestiging, of een lopende detentie"
            ),
        },
    )
    def create(self, request):
        if request.user.rol not in (Rol.RIC_MEDEWERKER, Rol.CASEMANAGER, Rol.HOOFD_DR):
            raise PermissionDenied()
        invoer = s.MeldingIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        ref = gegevens.pop("externe_referentie")
        melding, nieuw = services.ontvang_melding(
            acting_user=request.user, externe_referentie=ref, gegevens=gegevens
        )
        zichtbaar = access.trajecten_voor(request.user).filter(pk=melding.traject_id).exists()
        if not nieuw and not zichtbaar:
            # The sender's own reference, but the trajectory is no longer theirs to see.
            raise services.Conflict(ref)
        uit = {
            "externe_referentie": melding.externe_referentie,
            "traject": melding.traject_id,
            "fase": melding.traject.fase,
            "ontvangen_op": melding.ontvangen_op,
        }
        return Response(
            s.MeldingOut(uit).data, status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK
        )


class OnbekendAdres(APIView):
    """An address under /api/v1/ that no operation has (`/trajecten/0.5/`): 404 as problem+json
    like every other answer of the API, not Django's HTML page (found by schemathesis, issue
    16). Authenticated first, as everywhere: without a key it is a 401."""

    permission_classes = [IsAuthenticated]
    schema = None  # no operation of its own in the contract

    def get(self, request, *args, **kwargs):
        raise NotFound

    post = put = patch = delete = get
