"""`get_FOO_display()` through `reintegratie.keuzes.SnelleKeuzes` (issue 18) says what Django's own
says, for every choice of the fields the lists show and for a value that is not a choice, while
translating only the label it returns."""

from unittest import mock

import pytest
from django.db import models
from django.utils import translation

from ketenpartners.models import Medewerker, Organisatie
from signalering.models import Signalering
from trajecten.models import Actie, Basisvoorwaarde, Traject

VELDEN = [
    (Traject, "fase"),
    (Traject, "titel"),
    (Basisvoorwaarde, "domein"),
    (Basisvoorwaarde, "status"),
    (Actie, "status"),
    (Signalering, "soort"),
    (Organisatie, "soort"),
    (Medewerker, "rol"),
]


@pytest.mark.parametrize(("model", "naam"), VELDEN)
def test_the_label_is_djangos_label(model, naam):
    veld = model._meta.get_field(naam)
    weergave = getattr(model, f"get_{naam}_display")
    for waarde, _label in veld.flatchoices:
        obj = model(**{veld.attname: waarde})
        assert weergave(obj) == models.Model._get_FIELD_display(obj, veld)
    obj = model(**{veld.attname: "geen-keuze"})
    assert weergave(obj) == "geen-keuze"


def test_one_translation_per_label_shown():
    obj = Traject(fase=Traject._meta.get_field("fase").flatchoices[-1][0])
    obj.get_fase_display()  # the mapping is built on first use
    echt = translation._trans.gettext
    with mock.patch.object(translation._trans, "gettext", side_effect=echt) as vertaal:
        obj.get_fase_display()
    assert vertaal.call_count == 1
