"""One way to read a date on every screen (issue 14): "5 mei 2026", and "di 5 mei 2026" where
the weekday helps (a deadline, a release, an appointment). Machine formats (ISO) stay in the API
and the audit export. Registered as a template builtin: no {% load %} needed."""

import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()


def _als_datum(waarde):
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde
    return waarde if isinstance(waarde, datetime.date) else None


@register.filter
def datum(waarde) -> str:
    """5 mei 2026"""
    d = _als_datum(waarde)
    return dateformat.format(d, "j F Y") if d else ""


@register.filter
def datum_dag(waarde) -> str:
    """di 5 mei 2026"""
    d = _als_datum(waarde)
    return dateformat.format(d, "D j F Y") if d else ""


@register.filter
def datum_tijd(waarde) -> str:
    """di 5 mei 2026 14:30"""
    d = _als_datum(waarde)
    if not isinstance(d, datetime.datetime):
        return datum_dag(d)
    return dateformat.format(d, "D j F Y H:i")
