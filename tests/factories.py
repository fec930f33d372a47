"""factory_boy factories for what the demo seed does not hold: organisations and accounts beyond
the eight demo accounts, and extra trajectories.

Accounts and trajectories are made through the services, never by saving models directly: an
account needs the groups of its role and organisation (`koppel_groepen`), a trajectory needs its
access grants (`neem_op` calls `herbereken_toegang`). A factory that skipped them would make
people who see nothing and cases nobody sees, and access tests would pass for the wrong reason.
"""

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ketenpartners import services as ketendiensten
from ketenpartners.models import Medewerker, Organisatie, Regio
from ketenpartners.rollen import Rol, Soort
from trajecten import services as trajectdiensten
from trajecten.models import Traject


class ReclasseringFactory(DjangoModelFactory):
    """A reclassering organisation that is not one of the three in the reference data."""

    class Meta:
        model = Organisatie

    soort = Soort.RECLASSERING
    code = factory.Sequence(lambda n: f"RECL{n}")
    naam = factory.Sequence(lambda n: f"Reclassering Test {n}")


class GemeenteFactory(DjangoModelFactory):
    """A gemeente outside the CBS list (GM9xxx is never issued), in an existing region."""

    class Meta:
        model = Organisatie

    soort = Soort.GEMEENTE
    code = factory.Sequence(lambda n: f"GM9{n:03d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    regio = factory.LazyFunction(lambda: Regio.objects.order_by("code").first())


class MedewerkerFactory(DjangoModelFactory):
    """A staff account with a role, made by `maak_medewerker` (validated, in its groups).
    By default a reclasseringswerker of a new reclassering organisation."""

    class Meta:
        model = Medewerker

    username = factory.Sequence(lambda n: f"medewerker{n}")
    rol = Rol.RECLASSERINGSWERKER
    organisatie = factory.SubFactory(ReclasseringFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return ketendiensten.maak_medewerker(acting_user=None, **kwargs)


class TrajectFactory(factory.Factory):
    """A trajectory taken in by `acting_user` (a casemanager) through the intake service, so its
    access grants exist. Pass `acting_user`; the person gets a unique surname, so the intake never
    mistakes them for someone already known."""

    class Meta:
        model = Traject

    acting_user = None
    voornamen = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Sequence(lambda n: f"Factory {n}")
    geboortedatum = date(1985, 6, 15)
    binnenkomst_datum = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("acting_user") is None:
            raise ValueError("TrajectFactory needs acting_user: the casemanager taking them in.")
        return trajectdiensten.neem_op(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A trajectory only exists through the intake service: use create().")


def screen(traject: Traject, *, op: date, statussen: dict[str, str] | None = None) -> None:
    """Assess the domains of `traject` on day `op`, as if the casemanager had done it then:
    every domain "op orde" unless `statussen` (domein → status) says otherwise. The history
    (pghistory) records each change with the `gewijzigd_op` it carried, which is the day the
    ten-day step reads (trajecten.selectors._screening_datum). A plain UPDATE, so the service's
    "now" does not stamp the change with today's date."""
    from datetime import datetime, time

    from trajecten.keuzes import BVStatus, Domein
    from trajecten.models import Basisvoorwaarde

    moment = timezone.make_aware(datetime.combine(op, time(10)))
    for domein in Domein.values:
        status = (statussen or {}).get(domein, BVStatus.OP_ORDE)
        Basisvoorwaarde.objects.filter(traject=traject, domein=domein).update(
            status=status, gewijzigd_op=moment, hulpvraag="" if status == BVStatus.OP_ORDE else "x"
        )
