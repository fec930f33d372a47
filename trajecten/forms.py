from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Locatie, Medewerker, Organisatie, Team
from ketenpartners.rollen import Rol, Soort
from reintegratie.formulieren import DatumDelenVeld, DatumVeld, NLForm, TekstVeld, VersieVeld
from reintegratie.versies import VerouderdeVersie

from .keuzes import (
    ActieStatus,
    BVStatus,
    Domein,
    Geslacht,
    Gesprekssoort,
    Kanaal,
    Regie,
    Titel,
    Uitkomst,
    VoorbereidingStatus,
)
from .models import VoorbereidingSoort
from .validators import (
    MAX_LANGE_TEKST,
    MAX_NAAM,
    MAX_OMSCHRIJVING,
    MAX_RISICO_TOELICHTING,
    MAX_TEKST,
    datumfouten_binnenkomst,
    valideer_bsn,
)


def gemeenten():
    return Organisatie.objects.gemeenten().actief().order_by("naam")


class GemeenteKeuze(forms.ModelChoiceField):
    """A gemeente out of 342: a select that static/js/typeahead.js turns into GOV.UK's
    accessible autocomplete (issue 14); without JavaScript it stays a select."""

    def __init__(self, **kwargs):
        super().__init__(queryset=gemeenten(), **kwargs)
        self.widget.attrs["data-typeahead"] = ""

    def label_from_instance(self, obj):
        return obj.naam


class IntakeForm(NLForm):
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = DatumDelenVeld(label=_("Geboortedatum"))
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        help_text=_("9 cijfers. Mag later."),
        # The same check as the model's, here so it shows beside the date checks of clean().
        validators=[valideer_bsn],
    )
    binnenkomst_datum = DatumVeld(label=_("Datum binnenkomst in de PI"))
    verwachte_uitstroom_datum = DatumVeld(
        label=_("Verwachte uitstroomdatum"),
        required=False,
        help_text=_("Laat leeg als die nog niet bekend is."),
    )
    gemelde_gemeente = GemeenteKeuze(
        label=_("Gemeente volgens de melding"),
        required=False,
        help_text=_(
            "De gemeente van het laatst bekende adres. U verifieert later met de gedetineerde."
        ),
    )
    locatie = forms.ModelChoiceField(
        label=_("Locatie"), queryset=Locatie.objects.none(), required=False
    )
    geslacht = forms.ChoiceField(
        label=_("Geslacht"), choices=Geslacht.choices, initial=Geslacht.ONBEKEND
    )
    lvb = forms.BooleanField(
        label=_("Licht verstandelijke beperking (LVB) of vermoeden daarvan"), required=False
    )
    lvb_toelichting = TekstVeld(
        label=_("Toelichting LVB"), required=False, max_length=MAX_TEKST, rows=2
    )
    communicatiebehoeften = TekstVeld(
        label=_("Communicatiebehoeften"),
        required=False,
        max_length=MAX_TEKST,
        rows=2,
        help_text=_("Bijvoorbeeld tolk nodig, moeite met lezen, eenvoudige taal."),
    )

    # The form's one-time token (ADR 0009): a double submit returns the first result.
    intake_sleutel = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # Set by the "Is dit dezelfde persoon?" step to the BSN the user confirmed: a changed BSN
    # asks again.
    bevestigd_bsn = forms.CharField(widget=forms.HiddenInput, required=False, max_length=9)

    def __init__(self, *args, pi=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = Locatie.objects.filter(organisatie=pi, actief=True)
        if self.fields["locatie"].queryset.count() <= 1:
            del self.fields["locatie"]

    def clean(self):
        """Plausible dates (validators.datumfouten_binnenkomst, ADR 0010), and the one-time token
        that makes a double submit find the first result (ADR 0009)."""
        gegevens = super().clean()
        for veld, fout in datumfouten_binnenkomst(
            geboortedatum=gegevens.get("geboortedatum"),
            binnenkomst_datum=gegevens.get("binnenkomst_datum"),
            vandaag=timezone.localdate(),
        ).items():
            self.add_error(veld, fout)
        if not gegevens.get("intake_sleutel") and "intake_sleutel" not in self.errors:
            self.add_error(None, _("Dit formulier is verlopen of onvolledig. Vul het opnieuw in."))
        return gegevens

    def service_kwargs(self) -> dict:
        """What neem_op takes: the confirmation holds only for the BSN that was confirmed."""
        gegevens = dict(self.cleaned_data)
        bevestigd = gegevens.pop("bevestigd_bsn", "")
        gegevens["bevestig_bestaande_persoon"] = bool(bevestigd) and bevestigd == gegevens["bsn"]
        return gegevens


class CorrectieForm(NLForm):
    binnenkomst_datum = DatumVeld(label=_("Datum binnenkomst in de PI"))
    voornamen = forms.CharField(label=_("Voornamen"), max_length=MAX_NAAM)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=MAX_NAAM)
    geboortedatum = DatumDelenVeld(label=_("Geboortedatum"))
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False)
    lvb = forms.BooleanField(
        label=_("Licht verstandelijke beperking (LVB) of vermoeden daarvan"), required=False
    )
    lvb_toelichting = TekstVeld(
        label=_("Toelichting LVB"), required=False, max_length=MAX_TEKST, rows=2
    )
    communicatiebehoeften = TekstVeld(
        label=_("Communicatiebehoeften"), required=False, max_length=MAX_TEKST, rows=2
    )
    reden = TekstVeld(
        label=_("Reden van de correctie"),
        max_length=MAX_OMSCHRIJVING,
        rows=2,
        help_text=_("Verplicht. Komt in het auditlog bij deze correctie."),
    )

    def __init__(self, *args, persoon_elders=False, **kwargs):
        super().__init__(*args, **kwargs)
        if persoon_elders:
            for veld in ("voornamen", "achternaam", "geboortedatum", "bsn"):
                self.fields[veld].disabled = True
                self.fields[veld].help_text = _(
                    "Deze persoon heeft ook een traject bij een andere organisatie: dit "
                    "corrigeert de functioneel beheerder."
                )
                self.fields[veld].widget.attrs["aria-describedby"] = (
                    f"id_{self.add_prefix(veld)}_hulp"
                )


class OverplaatsingForm(NLForm):
    verplicht_meldingen = {
        "naar_pi": _("Kies de inrichting waar de gedetineerde naartoe gaat"),
    }
    naar_pi = forms.ModelChoiceField(
        label=_("Naar inrichting"), queryset=Organisatie.objects.none()
    )
    locatie = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=Locatie.objects.none(),
        required=False,
        help_text=_("Alleen bij een inrichting met meer locaties."),
    )
    datum = DatumVeld(label=_("Datum overplaatsing"))
    reden = TekstVeld(label=_("Reden"), max_length=MAX_OMSCHRIJVING, rows=2)

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        pis = Organisatie.objects.filter(soort=Soort.PI, actief=True).exclude(pk=traject.pi_id)
        self.fields["naar_pi"].queryset = pis.order_by("naam")
        self.fields["locatie"].queryset = Locatie.objects.filter(
            organisatie__in=pis, actief=True
        ).select_related("organisatie")


class BasisvoorwaardeForm(NLForm):
    versie = VersieVeld()
    status = forms.ChoiceField(label=_("Status"), choices=BVStatus.choices)
    hulpvraag = TekstVeld(
        label=_("Hulpvraag"),
        required=False,
        max_length=MAX_TEKST,
        help_text=_(
            "Wat is er nodig, in gewone woorden. Gedeeld met gemeente en reclassering op grond "
            "van art. 18a Pbw: de gemeente ziet dit op het informatieblad."
        ),
    )
    uitvoerende_partner = forms.ModelChoiceField(
        label=_("Wie pakt het op"), queryset=Organisatie.objects.none(), required=False
    )
    notities = TekstVeld(
        label=_("Notities"),
        required=False,
        max_length=MAX_TEKST,
        rows=2,
        help_text=_("Werkaantekeningen: alleen zichtbaar binnen de PI, niet gedeeld."),
    )

    def __init__(self, *args, traject=None, zorg=False, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [
            i
            for i in (traject.pi_id, traject.reclassering_id, getattr(traject.gemeente, "pk", None))
            if i
        ]
        self.fields["uitvoerende_partner"].queryset = Organisatie.objects.filter(pk__in=ids)
        if zorg:
            self.fields["hulpvraag"].help_text = _(
                "Alleen de continuïteit van zorg (wat moet doorlopen, bij wie), "
                "geen medische inhoud."
            )


class ActieForm(NLForm):
    verplicht_meldingen = {
        "omschrijving": _("Vul in wat er moet gebeuren"),
        "organisatie": _("Kies de organisatie die het oppakt"),
    }
    omschrijving = forms.CharField(label=_("Wat moet er gebeuren"), max_length=MAX_OMSCHRIJVING)
    organisatie = forms.ModelChoiceField(
        label=_("Welke organisatie"), queryset=Organisatie.objects.none()
    )
    uiterlijk_datum = DatumVeld(label=_("Uiterlijk"), required=False)

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [
            i
            for i in (traject.pi_id, traject.reclassering_id, getattr(traject.gemeente, "pk", None))
            if i
        ]
        self.fields["organisatie"].queryset = Organisatie.objects.filter(pk__in=ids)


class ActieStatusForm(NLForm):
    """The status of one action, changed in place in "Wie doet wat" and "Mijn acties". The
    template renders it per row with ids of its own (several on one page)."""

    versie = VersieVeld()
    status = forms.ChoiceField(label=_("Status"), choices=ActieStatus.choices)
    vervallen_reden = forms.CharField(
        label=_("Reden bij vervallen"), required=False, max_length=MAX_OMSCHRIJVING
    )


class ContactmomentForm(NLForm):
    verplicht_meldingen = {
        "organisatie": _("Kies met welke organisatie u contact had"),
        "kanaal": _("Kies hoe het contact was"),
    }
    organisatie = forms.ModelChoiceField(
        label=_("Met welke organisatie"), queryset=Organisatie.objects.none()
    )
    contactpersoon = forms.CharField(label=_("Met wie"), required=False, max_length=MAX_NAAM)
    kanaal = forms.ChoiceField(label=_("Hoe"), choices=Kanaal.choices)
    datum = DatumVeld(label=_("Datum"))
    samenvatting = TekstVeld(label=_("Samenvatting"), max_length=MAX_TEKST)

    def __init__(self, *args, traject=None, eigen_organisatie=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = {traject.pi_id, traject.reclassering_id, getattr(traject.gemeente, "pk", None)}
        ids = partners - {None, eigen_organisatie}
        self.fields["organisatie"].queryset = Organisatie.objects.filter(pk__in=ids).order_by(
            "soort"
        )
        if eigen_organisatie == traject.pi_id:
            self.fields["organisatie"].help_text = _(
                "Contact met de gemeente telt voor de termijn van 10 werkdagen."
            )
            if traject.gemeente:
                self.fields["organisatie"].initial = traject.gemeente.pk


class GemeenteBereiktForm(NLForm):
    """How a gemeente that does not use the app was reached (issue 12)."""

    verplicht_meldingen = {
        "kanaal": _("Kies hoe u de gemeente bereikte"),
        "contactpersoon": _("Vul in met wie u contact had"),
    }
    kanaal = forms.ChoiceField(label=_("Hoe"), choices=Kanaal.choices)
    contactpersoon = forms.CharField(
        label=_("Met wie"),
        max_length=MAX_NAAM,
        help_text=_("Naam en afdeling, bijvoorbeeld ‘J. Smit, Werk en Inkomen’."),
    )
    datum = DatumVeld(label=_("Datum"))
    toelichting = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class GesprekForm(NLForm):
    soort = forms.ChoiceField(label=_("Soort gesprek"), choices=Gesprekssoort.choices)
    gepland_op = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Vul een datum en tijd in.")},
    )
    duur_minuten = forms.IntegerField(
        label=_("Duur in minuten"), initial=60, min_value=10, max_value=480
    )
    plaats = forms.CharField(label=_("Plaats"), required=False, max_length=MAX_NAAM)
    videolink = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        help_text=_("Komt in de agenda-uitnodiging (.ics)."),
    )
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisatie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gedetineerde_aanwezig = forms.BooleanField(
        label=_("De gedetineerde is aanwezig"), required=False, initial=True
    )

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [
            i
            for i in (traject.pi_id, traject.reclassering_id, getattr(traject.gemeente, "pk", None))
            if i
        ]
        self.fields["organisaties"].queryset = Organisatie.objects.filter(pk__in=ids)
        self.fields["organisaties"].initial = ids
        self.fields["organisaties"].widget.attrs["class"] = ""


class VerslagForm(NLForm):
    verplicht_meldingen = {
        "gehouden_datum": _("Vul de datum in waarop het gesprek is gehouden"),
        "verslag": _("Vul het verslag en de afspraken in"),
    }
    gehouden_datum = DatumVeld(label=_("Gehouden op"))
    verslag = TekstVeld(label=_("Verslag en afspraken"), max_length=MAX_LANGE_TEKST, rows=5)


class PlanForm(NLForm):
    verplicht_meldingen = {
        "regie": _("Kies wie de regie heeft"),
        "gespreksfrequentie_weken": _("Vul in om de hoeveel weken het trajectgesprek is"),
    }
    versie = VersieVeld()
    begeleidingsplan = TekstVeld(
        label=_("Individueel begeleidingsplan, inclusief benodigde zorg"),
        required=False,
        max_length=MAX_LANGE_TEKST,
        rows=4,
    )
    doelen = TekstVeld(
        label=_("Gedrags- en re-integratiedoelen"),
        required=False,
        max_length=MAX_LANGE_TEKST,
        rows=4,
        help_text=_(
            "Gedeeld met de gemeente en de reclassering op grond van art. 18a Pbw: geen "
            "medische inhoud (zorg hoort in het begeleidingsplan)."
        ),
    )
    activiteiten = TekstVeld(
        label=_("Activiteiten en verloven die bij goed gedrag verdiend kunnen worden"),
        required=False,
        max_length=MAX_LANGE_TEKST,
    )
    regie = forms.ChoiceField(label=_("Wie heeft de regie"), choices=Regie.choices)
    monitoring = TekstVeld(
        label=_("Hoe volgen we de voortgang"),
        required=False,
        max_length=MAX_LANGE_TEKST,
        rows=2,
    )
    gespreksfrequentie_weken = forms.IntegerField(
        label=_("Trajectgesprek elke … weken"), min_value=1, max_value=26, initial=6
    )


class VaststellenForm(NLForm):
    verplicht_meldingen = {
        "vastgesteld_datum": _("Vul de datum van het MDO in"),
    }
    versie = VersieVeld()
    vastgesteld_datum = DatumVeld(label=_("Vastgesteld in het MDO van"))


class TerugkeerForm(NLForm):
    gemeente = GemeenteKeuze(
        label=_("Terugkeergemeente"),
        help_text=_(
            "Gecontroleerd met de gedetineerde: waar gaat hij of zij na de detentie wonen?"
        ),
    )


class GegevensForm(NLForm):
    versie = VersieVeld()
    verwachte_uitstroom_datum = DatumVeld(label=_("Verwachte uitstroomdatum"), required=False)
    casemanager = forms.ModelChoiceField(
        label=_("Casemanager"), queryset=Medewerker.objects.none(), required=False
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"), queryset=Medewerker.objects.none(), required=False
    )
    reclassering = forms.ModelChoiceField(
        label=_("Reclassering"),
        queryset=Organisatie.objects.filter(soort=Soort.RECLASSERING),
        required=False,
    )
    reclassering_team = forms.ModelChoiceField(
        label=_("Team reclassering"),
        queryset=Team.objects.select_related("organisatie"),
        required=False,
    )
    reclasseringswerker = forms.ModelChoiceField(
        label=_("Reclasseringswerker"),
        queryset=Medewerker.objects.filter(rol=Rol.RECLASSERINGSWERKER, is_active=True),
        required=False,
    )
    titel = forms.ChoiceField(label=_("Justitiële titel na uitstroom"), choices=Titel.choices)

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        collega = Medewerker.objects.filter(organisatie_id=traject.pi_id, is_active=True)
        self.fields["casemanager"].queryset = collega.filter(rol=Rol.CASEMANAGER)
        self.fields["mentor"].queryset = collega.filter(rol=Rol.MENTOR)


class RisicoForm(NLForm):
    """Known risks (services.leg_risicos_vast): two boxes and a short explanation."""

    versie = VersieVeld()
    risico_geweld = forms.BooleanField(label=_("Bekend risico op geweld"), required=False)
    risico_zeden = forms.BooleanField(label=_("Bekend risico op zedendelicten"), required=False)
    risico_toelichting = TekstVeld(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_RISICO_TOELICHTING,
        help_text=_(
            "Wat is bekend en waar moeten de partners op letten? Feiten, geen diagnoses. "
            "Gedeeld met de gemeente, de reclassering en het Zorg- en Veiligheidshuis op grond "
            "van art. 18a Pbw."
        ),
    )


class UitstroomForm(NLForm):
    versie = VersieVeld()
    uitstroom_datum = DatumVeld(label=_("Datum uitstroom"))
    titel = forms.ChoiceField(
        label=_("Justitiële titel na uitstroom"),
        choices=Titel.choices,
        help_text=_("Met een titel krijgt de reclassering de regie, zonder titel de gemeente."),
    )
    toelichting = TekstVeld(
        label=_("Toelichting bij de overdracht"), required=False, max_length=MAX_TEKST
    )

    def clean(self):
        """What step 1 can tell at once; the service checks all of it again when sending."""
        data = super().clean()
        dag = data.get("uitstroom_datum")
        if dag is not None and dag > timezone.localdate():
            self.add_error("uitstroom_datum", _("Registreer de uitstroom op of na de dag zelf."))
        if data.get("titel") == Titel.ONBEKEND:
            self.add_error(
                "titel", _("Kies de justitiële titel: die bepaalt wie na uitstroom de regie heeft.")
            )
        return data


def _partners(traject) -> list[int]:
    return [
        i
        for i in (traject.pi_id, traject.reclassering_id, getattr(traject.gemeente, "pk", None))
        if i
    ]


class VoorbereidingForm(NLForm):
    """A release preparation's stand, owner and dates (issue 11). The service checks the dates
    against each other and the arrival; a stand that implies a date without one gets today."""

    versie = VersieVeld()
    status = forms.ChoiceField(label=_("Stand"), choices=VoorbereidingStatus.choices)
    organisatie = forms.ModelChoiceField(
        label=_("Wie regelt het"), queryset=Organisatie.objects.none(), required=False
    )
    aangevraagd_datum = DatumVeld(label=_("Aangevraagd op"), required=False)
    verwacht_datum = DatumVeld(label=_("Verwacht op"), required=False)
    gereed_datum = DatumVeld(label=_("Geregeld op"), required=False)
    toelichting = forms.CharField(
        label=_("Korte toelichting"), required=False, max_length=MAX_OMSCHRIJVING
    )

    def __init__(self, *args, traject=None, eigenaar_kiezen=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(pk__in=_partners(traject))
        if not eigenaar_kiezen:  # a partner updates its own item and cannot hand it on
            del self.fields["organisatie"]


class VoorbereidingToevoegenForm(VoorbereidingForm):
    verplicht_meldingen = {
        "soort": _("Kies de voorbereiding"),
    }
    """A preparation from the domain's catalogue; the note can follow when it is updated."""

    soort = forms.ModelChoiceField(
        label=_("Welke voorbereiding"), queryset=VoorbereidingSoort.objects.none()
    )
    field_order = ["soort", "status", "organisatie", "aangevraagd_datum", "verwacht_datum"]

    def __init__(self, *args, soorten=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["versie"]
        del self.fields["toelichting"]
        del self.fields["gereed_datum"]
        self.fields["soort"].queryset = soorten
        self.order_fields(self.field_order)


class OverdrachtConceptForm(NLForm):
    """The concept handover (issue 12): per basisvoorwaarde a note, only where it adds to what
    the facts already say, with the version of the note the user saw (ADR 0010)."""

    def __init__(self, *args, regels=(), notities=None, **kwargs):
        notities = notities or {}
        self.domeinen = [r.domein for r in regels]
        # Fields per domain, set before NLForm styles them (labels, counters, descriptions).
        self.base_fields = {}
        for r in regels:
            notitie = notities.get(r.domein)
            self.base_fields[f"versie_{r.domein}"] = VersieVeld(
                initial=notitie.versie if notitie else 0
            )
            self.base_fields[f"tekst_{r.domein}"] = TekstVeld(
                label=_("Aanvulling bij %(domein)s") % {"domein": r.label},
                required=False,
                max_length=MAX_TEKST,
                initial=notitie.tekst if notitie else "",
            )
        super().__init__(*args, **kwargs)

    def veld(self, domein: str):
        return self[f"tekst_{domein}"]

    def bewaar_notities(self, service, **kwargs):
        """`NLForm.bewaar`, carrying the stored version of the one domain that conflicted."""
        notities = {d: self.cleaned_data[f"tekst_{d}"] for d in self.domeinen}
        versies = {d: self.cleaned_data[f"versie_{d}"] for d in self.domeinen}
        try:
            return service(notities=notities, versies=versies, **kwargs)
        except VerouderdeVersie as fout:
            domein = getattr(fout, "domein", "")
            self.data = self.data.copy()
            self.data[self.add_prefix(f"versie_{domein}")] = str(fout.versie)
            self.add_error(
                f"tekst_{domein}",
                _("%(melding)s Opgeslagen: %(tekst)s")
                % {"melding": fout.melding, "tekst": fout.hunne.get("tekst", "")},
            )
            return None
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.message_dict.items():
                    self.add_error(veld if veld in self.fields else None, fouten)
            else:
                self.add_error(None, fout.messages)
            return None


class VerstuurForm(NLForm):
    """The send step of the check before sending (issue 12). `versie` is the trajectory as the
    check page showed it: what the casemanager confirmed (ADR 0010)."""

    versie = VersieVeld()

    toch_versturen = forms.BooleanField(
        label=_("Ik verstuur de overdracht toch, ondanks de waarschuwingen"), required=False
    )
    reden = TekstVeld(
        label=_("Reden om toch te versturen"),
        required=False,
        max_length=MAX_TEKST,
        help_text=_("Bijvoorbeeld: de gemeente regelt het ID-bewijs op de dag van uitstroom."),
    )


class AfsluitingForm(NLForm):
    """'Nazorg afsluiten' (issue 12): per basisvoorwaarde an outcome and a short note, then an
    overall toelichting; the fields are added per domain below. An outcome left open gets the
    same Dutch message here as from the service."""

    versie = VersieVeld()

    def uitkomsten(self) -> dict[str, str]:
        return {d: self.cleaned_data.get(f"uitkomst_{d}", "") for d in Domein.values}

    def notities(self) -> dict[str, str]:
        return {d: self.cleaned_data.get(f"notitie_{d}", "") for d in Domein.values}


AfsluitingForm.base_fields.update(
    {
        naam: veld
        for domein, label in Domein.choices
        for naam, veld in (
            (
                f"uitkomst_{domein}",
                forms.ChoiceField(
                    label=label,
                    choices=[("", _("— kies —")), *Uitkomst.choices],
                    error_messages={
                        "required": _("Kies of %(domein)s bij het afsluiten op orde is.")
                        % {"domein": str(label).lower()}
                    },
                ),
            ),
            (
                f"notitie_{domein}",
                forms.CharField(
                    label=_("Notitie %(domein)s") % {"domein": str(label).lower()},
                    max_length=MAX_OMSCHRIJVING,
                    required=False,
                ),
            ),
        )
    }
)
AfsluitingForm.base_fields["toelichting"] = TekstVeld(
    label=_("Toelichting bij de afsluiting"), required=False, max_length=MAX_TEKST
)


class BeperkingForm(NLForm):
    """Restricted case (services.beperk_toegang): on or off, a reason, and who keeps access."""

    verplicht_meldingen = {"reden": _("Vul de reden in.")}

    versie = VersieVeld()
    beperkt = forms.BooleanField(
        label=_("Beperkte toegang"),
        required=False,
        help_text=_(
            "Aangevinkt: alleen de casemanager, de mentor en de gekozen personen zien het "
            "traject. Uitgevinkt: de betrokken organisaties zien het weer."
        ),
    )
    reden = TekstVeld(
        label=_("Reden"),
        max_length=500,
        help_text=_(
            "Waarom de toegang wordt beperkt of weer opengezet. Zichtbaar voor wie het "
            "traject ziet en vastgelegd in het logboek."
        ),
    )
    personen = forms.ModelMultipleChoiceField(
        label=_("Houden toegang"),
        queryset=Medewerker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Alleen bij beperkte toegang. Wie u niet aanvinkt, ziet het traject vanaf nu niet meer."
        ),
    )

    def __init__(self, *args, kandidaten=None, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["personen"]
        veld.queryset = kandidaten if kandidaten is not None else Medewerker.objects.none()
        veld.label_from_instance = lambda m: f"{m.get_full_name() or m.username} ({m.organisatie})"
        veld.widget.attrs["class"] = ""
