"""`get_FOO_display()` without translating every label of a field on every call (issue 18).

Django's own builds a dict of all the field's choices at each call, hashing each label: with
lazily translated labels that is one translation per choice, per row, per displayed field (441
of the 814 translations of one inbox page). This mixin keeps the mapping from value to (lazy)
label per field, built once, and translates only the label it returns, in the active language.
Same answer as Django's, including the raw value for a value that is not a choice.
"""

from typing import Any

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_labels: dict[Any, dict[Any, Any]] = {}


class SnelleKeuzes:
    """Put before `models.Model` in a model's bases."""

    def _get_FIELD_display(self, field) -> Any:
        labels = _labels.get(field)
        if labels is None:
            labels = _labels[field] = {make_hashable(k): v for k, v in field.flatchoices}
        waarde = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(waarde), waarde), strings_only=True)
