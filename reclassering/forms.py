from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm, TekstVeld
from trajecten.validators import MAX_LANGE_TEKST


class AdviesForm(NLForm):
    tekst = TekstVeld(
        label=_("D&R-advies van de reclassering"),
        max_length=MAX_LANGE_TEKST,
        rows=8,
        help_text=_("Uw advies staat naast het plan van de PI; het plan zelf blijft van de PI."),
    )
