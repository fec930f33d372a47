"""The working-day calendar as a table (issue 18): the SQL twin of `trajecten.deadlines`, so the
morning scan and the dashboard count working days in one statement instead of walking days in
Python per trajectory. Kept in step with `Brugdag` by `trajecten.kalender.vul_kalender`, which
runs after every change of a bridging day and in the migration that creates the table.

`volgnummer` is the number of working days from KALENDER_VAN up to and including `datum`. With
v(d) = volgnummer of d and w(d) = 1 if d is a working day else 0:

- deadlines.plus_werkdagen(d, n) for n > 0: the working day with volgnummer = v(d) + n;
- deadlines.plus_werkdagen(d, -n) for n > 0: the working day with volgnummer = v(d) - w(d) - n + 1;
- deadlines.volgende_werkdag(d): the working day with volgnummer = v(d) - w(d) + 1;
- deadlines.werkdagen_tussen(van, tot) for van <= tot: v(tot) - v(van).

`tests/trajecten/test_kalender.py` proves each of these equal to the Python functions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegratie.keuzes import SnelleKeuzes


class Kalenderdag(SnelleKeuzes, models.Model):
    datum = models.DateField(_("datum"), primary_key=True)
    werkdag = models.BooleanField(_("werkdag"))
    volgnummer = models.IntegerField(_("volgnummer werkdag"), db_index=True)

    class Meta:
        verbose_name = _("kalenderdag")
        verbose_name_plural = _("kalenderdagen")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} ({self.volgnummer})"
