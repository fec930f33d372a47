from django import forms
from django.utils.translation import gettext_lazy as _

from ketenpartners.forms import GemeenteVeld
from ketenpartners.models import Medewerker
from ketenpartners.services import CONTACTPUNT_NOTITIES_MAX
from reintegratie.formulieren import DatumVeld, NLForm, TekstVeld
from trajecten.keuzes import Domein
from trajecten.validators import MAX_TEKST

SUGGESTIES = [
    _("ID-kaart aangevraagd"),
    _("Bijstandsaanvraag voorbereid, uitkering loopt in de eerste week"),
    _("Aanmelding maatschappelijke opvang"),
    _("Woning gezocht via woningcorporatie"),
    _("Aanmelding schuldhulpverlening"),
    _("Zorgverzekering geregeld"),
]


class GemeenteActieForm(NLForm):
    verplicht_meldingen = {
        "omschrijving": _("Vul in wat de gemeente doet"),
    }
    domein = forms.ChoiceField(label=_("Basisvoorwaarde"), choices=Domein.choices)
    omschrijving = forms.CharField(
        label=_("Wat doet de gemeente"),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld: ID-kaart aangevraagd, uitkering voorbereid zodat die in de eerste "
            "week betaalt."
        ),
        widget=forms.TextInput(attrs={"list": "gemeente-suggesties"}),
    )
    uiterlijk_datum = DatumVeld(label=_("Uiterlijk"), required=False)


class ContactpuntForm(NLForm):
    naam = forms.CharField(label=_("Naam van het contactpunt"), max_length=200)
    telefoon = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    bereikbaarheid = forms.CharField(
        label=_("Bereikbaar"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld ‘ma–vr 9–17 uur’."),
    )
    notities = TekstVeld(
        label=_("Notities voor ketenpartners"),
        required=False,
        max_length=CONTACTPUNT_NOTITIES_MAX,
        rows=2,
    )


class OppakkenForm(NLForm):
    # Quoted: ModelChoiceField is generic only in the stubs, not at runtime.
    door: "forms.ModelChoiceField[Medewerker]" = forms.ModelChoiceField(
        label=_("Wie pakt het op"), queryset=None, required=False
    )

    def __init__(self, *args, collega_s=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["door"].queryset = collega_s
        self.fields["door"].empty_label = _("ikzelf")


class NietOnzeGemeenteForm(NLForm):
    verplicht_meldingen = {
        "reden": _("Vul in waarom deze persoon niet bij uw gemeente hoort"),
    }
    reden = TekstVeld(
        label=_("Waarom hoort deze persoon niet bij uw gemeente"),
        max_length=MAX_TEKST,
        rows=3,
        help_text=_(
            "Bijvoorbeeld: verhuisd naar Hengelo in maart, niet meer ingeschreven in de BRP."
        ),
    )
    juiste_gemeente = GemeenteVeld(
        label=_("De juiste gemeente, als u die weet"),
        required=False,
        help_text=_("Die gemeente ziet het traject dan meteen; de casemanager controleert het."),
    )
