"""Length limits the database holds as well as the forms, serializers and services (ADR 0010)."""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


def hoogstens(veld: str, maximum: int, naam: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(veld), maximum), name=naam)
