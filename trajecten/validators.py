from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def bsn_is_geldig(bsn: str) -> bool:
    """The 11-proef: 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    som = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return som % 11 == 0


def valideer_bsn(waarde: str) -> None:
    if waarde and not bsn_is_geldig(waarde):
        raise ValidationError(
            _("Dit is geen geldig BSN: controleer de 9 cijfers (de elfproef klopt niet)."),
            code="bsn",
        )
