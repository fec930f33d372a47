"""Input and output serializers are separate; output follows the sharing matrix per role
(ketenpartners.deelmatrix): a field a role may not read is left out of its answer."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ketenpartners.deelmatrix import GRONDSLAG_RISICOS, zicht
from ketenpartners.models import Contactpunt, Organisatie
from ketenpartners.rollen import Soort
from signalering.models import Signalering
from trajecten import selectors, statussen
from trajecten.keuzes import ActieStatus, BVStatus, Domein, Fase, Gesprekssoort, VoorbereidingStatus
from trajecten.models import Actie, Trajectgesprek
from trajecten.validators import (
    MAX_NAAM,
    MAX_OMSCHRIJVING,
    MAX_TEKST,
    datumfout_vooruit,
    datumfouten_binnenkomst,
)


class OrganisatieOut(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class PersoonOut(serializers.Serializer):
    naam = serializers.CharField(allow_null=True)
    telefoon = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class TermijnOut(serializers.Serializer):
    soort = serializers.CharField()
    uiterlijk = serializers.DateField()
    status = serializers.CharField()
    werkdagen_over = serializers.IntegerField(allow_null=True)
    stand_code = serializers.ChoiceField(
        choices=["gehaald", "te_laat_gehaald", "open", "bijna", "te_laat", "gepland", "vervallen"],
        help_text=_(
            "De stand zoals elk scherm hem toont: 'vervallen' na uitstroom (nooit te laat), "
            "'gepland' zodra het gesprek dat de termijn haalt gepland is."
        ),
    )
    stand = serializers.CharField(
        help_text=_("De stand in woorden, bijvoorbeeld 'nog 3 werkdagen'.")
    )


class StatusOut(serializers.Serializer):
    code = serializers.CharField(help_text=_("Vaste code, bijvoorbeeld 'gescreend'."))
    tekst = serializers.CharField(
        help_text=_("In woorden, bijvoorbeeld 'Gescreend · 3 van 6 op orde'.")
    )


class StatussenOut(serializers.Serializer):
    basisvoorwaarden = StatusOut(
        help_text=_(
            "niet_gestart, screening (n van 6 beoordeeld), gescreend (n van 6 op orde), klaar "
            "(alle op orde) of te_laat (tiendagentermijn verlopen en nog niet alles beoordeeld)."
        )
    )
    plan = StatusOut(help_text=_("niet_gestart, concept, te_laat, in_herziening of vastgesteld."))
    gesprekken = StatusOut(help_text=_("niet_gestart, gepland, gehouden of te_laat."))
    overdracht = StatusOut(help_text=_("niet_gestart, in_voorbereiding of overgedragen."))


class OnderdeelOut(serializers.Serializer):
    onderdeel = serializers.ChoiceField(choices=["screening", "gemeente", "reclassering"])
    gehaald = serializers.BooleanField()
    datum = serializers.DateField(allow_null=True)


class BasisvoorwaardeOut(serializers.Serializer):
    domein = serializers.ChoiceField(choices=Domein.choices)
    status = serializers.ChoiceField(choices=BVStatus.choices)
    hulpvraag = serializers.CharField(allow_blank=True)
    notities = serializers.CharField(
        allow_blank=True, required=False, help_text=_("Alleen voor de PI.")
    )
    gewijzigd_op = serializers.DateTimeField(allow_null=True)
    versie = serializers.IntegerField(help_text=_('De versie; de ETag is "v<versie>".'))

    def to_representation(self, bv):
        data = {
            "domein": bv.domein,
            "versie": bv.versie,
            "status": bv.status,
            "hulpvraag": bv.hulpvraag,
            "gewijzigd_op": serializers.DateTimeField().to_representation(bv.gewijzigd_op)
            if bv.gewijzigd_op
            else None,
        }
        if "notities" in zicht(self.context["request"].user.rol).basisvoorwaarde:
            data["notities"] = bv.notities
        return data


class RisicosOut(serializers.Serializer):
    """Known risks of violence or sexual offences (ADR 0011); only in the detail of one
    trajectory, for the roles the sharing matrix lets read them."""

    geweld = serializers.BooleanField()
    zeden = serializers.BooleanField()
    toelichting = serializers.CharField(allow_blank=True)
    vastgelegd_op = serializers.DateTimeField(
        allow_null=True, help_text=_("Leeg: de PI heeft nog niets vastgelegd.")
    )
    grondslag = serializers.CharField()


def _risicos(t):
    return {
        "geweld": t.risico_geweld,
        "zeden": t.risico_zeden,
        "toelichting": t.risico_toelichting,
        "vastgelegd_op": serializers.DateTimeField().to_representation(t.risico_vastgelegd_op)
        if t.risico_vastgelegd_op
        else None,
        "grondslag": GRONDSLAG_RISICOS,
    }


def _persoon(m):
    if m is None:
        return None
    return {"naam": m.get_full_name() or m.username, "telefoon": m.telefoon, "email": m.email}


def _org(o):
    return None if o is None else {"code": o.code, "naam": o.naam}


class TrajectOut(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(help_text=_("Voorletters en achternaam"))
    geboortedatum = serializers.DateField()
    bsn = serializers.CharField(required=False, allow_blank=True)
    lvb = serializers.BooleanField()
    fase = serializers.ChoiceField(choices=Fase.choices)
    pi = OrganisatieOut()
    binnenkomst_datum = serializers.DateField()
    verwachte_uitstroom_datum = serializers.DateField(allow_null=True)
    uitstroom_datum = serializers.DateField(allow_null=True)
    gemeente = OrganisatieOut(allow_null=True)
    gemeente_geverifieerd = serializers.BooleanField()
    casemanager = PersoonOut(allow_null=True)
    reclassering = OrganisatieOut(allow_null=True)
    gezien_door_gemeente_op = serializers.DateTimeField(allow_null=True)
    opgepakt_door_gemeente_op = serializers.DateTimeField(allow_null=True)
    termijnen = TermijnOut(many=True)
    statussen = StatussenOut(help_text=_("De statuswoorden van de onderdelen, als op elk scherm."))
    tiendagenstap = OnderdeelOut(
        many=True,
        help_text=_(
            "De onderdelen van 'screening en contact gemeente' (10 werkdagen): screening "
            "compleet, contact met de gemeente en, als er een reclassering betrokken is, "
            "contact met de reclassering. De termijn is gehaald op de laatste datum."
        ),
    )
    basisvoorwaarden = BasisvoorwaardeOut(many=True)
    risicos = RisicosOut(required=False, help_text=_("Alleen bij één traject."))

    def to_representation(self, t):
        z = zicht(self.context["request"].user.rol)
        dt = serializers.DateTimeField()
        termijnen = self.context["termijnen"](t)
        data = {
            "id": t.pk,
            "naam": t.gedetineerde.korte_naam,
            "geboortedatum": t.gedetineerde.geboortedatum.isoformat(),
            "lvb": t.lvb,
            "fase": t.fase,
            "pi": _org(t.pi),
            "binnenkomst_datum": t.binnenkomst_datum.isoformat(),
            "verwachte_uitstroom_datum": t.verwachte_uitstroom_datum.isoformat()
            if t.verwachte_uitstroom_datum
            else None,
            "uitstroom_datum": t.uitstroom_datum.isoformat() if t.uitstroom_datum else None,
            "gemeente": _org(t.gemeente),
            "gemeente_geverifieerd": t.terugkeer_geverifieerd_op is not None,
            "casemanager": _persoon(t.casemanager),
            "reclassering": _org(t.reclassering),
            "gezien_door_gemeente_op": dt.to_representation(t.gezien_door_gemeente_op)
            if t.gezien_door_gemeente_op
            else None,
            "opgepakt_door_gemeente_op": dt.to_representation(t.opgepakt_op)
            if t.opgepakt_op
            else None,
            "termijnen": [
                {
                    "soort": str(x.soort),
                    "uiterlijk": x.uiterlijk.isoformat(),
                    "status": str(x.status),
                    "werkdagen_over": x.werkdagen_over,
                    "stand_code": stand.code,
                    "stand": stand.tekst,
                }
                for x in termijnen
                for stand in [statussen.termijnstatus_van(t, x)]
            ],
            "statussen": {
                k: v.als_dict()
                for k, v in selectors.sectiestatussen(t, {x.soort: x for x in termijnen}).items()
            },
            "tiendagenstap": [
                {
                    "onderdeel": d.code,
                    "gehaald": d.gehaald,
                    "datum": d.datum.isoformat() if d.datum else None,
                }
                for d in statussen.tiendagenstap(t)
            ],
            "basisvoorwaarden": BasisvoorwaardeOut(
                sorted(t.basisvoorwaarden.all(), key=lambda b: Domein.values.index(b.domein)),
                many=True,
                context=self.context,
            ).data,
        }
        if "bsn" in z.gedetineerde:
            data["bsn"] = t.gedetineerde.bsn
        if self.context.get("detail") and "risicos" in z.traject:
            data["risicos"] = _risicos(t)
        return data


class VoorbereidingOut(serializers.Serializer):
    """A release preparation (issue 11), as the sharing matrix shows it ("voorbereidingen")."""

    domein = serializers.ChoiceField(choices=Domein.choices)
    soort = serializers.CharField(help_text=_("Wat er voorbereid wordt, uit de catalogus."))
    code = serializers.CharField(
        allow_blank=True, help_text=_("Vaste code van de soort, bijvoorbeeld uitkering_aanvraag.")
    )
    status = serializers.ChoiceField(choices=VoorbereidingStatus.choices)
    organisatie = OrganisatieOut(allow_null=True, help_text=_("Wie het regelt."))
    aangevraagd_datum = serializers.DateField(allow_null=True)
    verwacht_datum = serializers.DateField(allow_null=True)
    gereed_datum = serializers.DateField(allow_null=True)
    toelichting = serializers.CharField(allow_blank=True)

    def to_representation(self, v):
        return {
            "domein": v.soort.domein,
            "soort": v.soort.naam,
            "code": v.soort.code,
            "status": v.status,
            "organisatie": _org(v.organisatie),
            "aangevraagd_datum": v.aangevraagd_datum.isoformat() if v.aangevraagd_datum else None,
            "verwacht_datum": v.verwacht_datum.isoformat() if v.verwacht_datum else None,
            "gereed_datum": v.gereed_datum.isoformat() if v.gereed_datum else None,
            "toelichting": v.toelichting,
        }


class TrajectDetailOut(TrajectOut):
    """One trajectory: the list's fields, and its release preparations for the roles the
    sharing matrix shows them to."""

    voorbereidingen = VoorbereidingOut(
        many=True,
        required=False,
        help_text=_("Voorbereidingen op de uitstroom; alleen voor PI, gemeente en reclassering."),
    )

    def to_representation(self, t):
        data = super().to_representation(t)
        if "voorbereidingen" in zicht(self.context["request"].user.rol).basisvoorwaarde:
            data["voorbereidingen"] = VoorbereidingOut(
                self.context["voorbereidingen"](t), many=True
            ).data
        return data


class BasisvoorwaardeIn(serializers.Serializer):
    """A PATCH: every field optional; what is not sent stays as it is."""

    status = serializers.ChoiceField(choices=BVStatus.choices, required=False)
    hulpvraag = serializers.CharField(allow_blank=True, max_length=MAX_TEKST, required=False)
    notities = serializers.CharField(allow_blank=True, max_length=MAX_TEKST, required=False)


class ActieOut(serializers.ModelSerializer):
    domein = serializers.CharField(source="basisvoorwaarde.domein")
    organisatie = OrganisatieOut()

    class Meta:
        model = Actie
        fields = [
            "id",
            "domein",
            "omschrijving",
            "organisatie",
            "uiterlijk_datum",
            "status",
            "vervallen_reden",
            "afgerond_datum",
        ]


class ActieStatusIn(serializers.Serializer):
    """A PATCH of an action: its status, and the reason when it is dropped (vervallen)."""

    status = serializers.ChoiceField(choices=ActieStatus.choices)
    vervallen_reden = serializers.CharField(
        allow_blank=True,
        max_length=MAX_OMSCHRIJVING,
        required=False,
        default="",
        help_text=_("Verplicht bij status vervallen."),
    )


class ActieIn(serializers.Serializer):
    domein = serializers.ChoiceField(choices=Domein.choices)
    omschrijving = serializers.CharField(max_length=MAX_OMSCHRIJVING)
    uiterlijk_datum = serializers.DateField(required=False, allow_null=True, default=None)


class GesprekOut(serializers.ModelSerializer):
    class Meta:
        model = Trajectgesprek
        fields = [
            "id",
            "soort",
            "gepland_op",
            "duur_minuten",
            "plaats",
            "videolink",
            "gehouden_datum",
        ]


class GesprekIn(serializers.Serializer):
    soort = serializers.ChoiceField(choices=Gesprekssoort.choices)
    gepland_op = serializers.DateTimeField()
    duur_minuten = serializers.IntegerField(min_value=10, max_value=480, default=60)
    plaats = serializers.CharField(
        max_length=MAX_NAAM, allow_blank=True, required=False, default=""
    )
    videolink = serializers.URLField(allow_blank=True, required=False, default="")


class ContactpuntOut(serializers.ModelSerializer):
    organisatie = OrganisatieOut()

    class Meta:
        model = Contactpunt
        fields = ["id", "organisatie", "naam", "telefoon", "email", "bereikbaarheid"]


class SignaleringOut(serializers.ModelSerializer):
    class Meta:
        model = Signalering
        fields = ["id", "traject", "soort", "uiterlijk", "gesignaleerd_datum", "opgelost_datum"]


class MeldingIn(serializers.Serializer):
    externe_referentie = serializers.CharField(max_length=100)
    voornamen = serializers.CharField(max_length=MAX_NAAM)
    achternaam = serializers.CharField(max_length=MAX_NAAM)
    geboortedatum = serializers.DateField()
    bsn = serializers.RegexField(r"^[0-9]{9}$", required=False, allow_blank=True, default="")
    pi = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisatie.objects.filter(soort=Soort.PI, actief=True)
    )
    binnenkomst_datum = serializers.DateField()
    verwachte_uitstroom_datum = serializers.DateField(required=False, allow_null=True, default=None)
    gemeente = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisatie.objects.filter(soort=Soort.GEMEENTE, actief=True),
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "CBS-code van de gemeente van het laatst geregistreerde adres, bijvoorbeeld GM0153."
        ),
    )

    bevestig_bestaande_persoon = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Alleen nodig als het BSN van een al bekende persoon is: true bevestigt dat het "
            "dezelfde persoon is. Zonder bevestiging antwoordt de API 409, zonder gegevens van "
            "die persoon."
        ),
    )

    def validate_binnenkomst_datum(self, waarde):
        fouten = datumfouten_binnenkomst(
            geboortedatum=None, binnenkomst_datum=waarde, vandaag=timezone.localdate()
        )
        if fouten:
            raise serializers.ValidationError(fouten["binnenkomst_datum"])
        return waarde

    def validate(self, attrs):
        """Plausible dates (trajecten.validators, ADR 0010), at the field."""
        fouten = datumfouten_binnenkomst(
            geboortedatum=attrs.get("geboortedatum"),
            binnenkomst_datum=attrs.get("binnenkomst_datum"),
            vandaag=timezone.localdate(),
        )
        if fout := datumfout_vooruit(
            attrs.get("verwachte_uitstroom_datum"), vandaag=timezone.localdate()
        ):
            fouten["verwachte_uitstroom_datum"] = fout
        if fouten:
            raise serializers.ValidationError({veld: [fout] for veld, fout in fouten.items()})
        return attrs


class MeldingOut(serializers.Serializer):
    externe_referentie = serializers.CharField()
    traject = serializers.IntegerField()
    fase = serializers.CharField()
    ontvangen_op = serializers.DateTimeField()
