"""The second factor (issue 17): a TOTP app (django-otp's TOTPDevice) and ten one-time recovery
codes (StaticDevice). Reading helpers only; what writes is in services.py."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Medewerker

AANTAL_HERSTELCODES = 10
APP_NAAM = "authenticator-app"
HERSTEL_NAAM = "herstelcodes"


def heeft_tweede_factor(medewerker: Medewerker) -> bool:
    return TOTPDevice.objects.filter(user=medewerker, confirmed=True).exists()


def volgende_stap(medewerker: Medewerker) -> str:
    """Enrolled: the code page; not yet: the enrolment page."""
    if heeft_tweede_factor(medewerker):
        return reverse("mfa_code")
    return reverse("mfa_instellen")


def qr_svg(tekst: str) -> str:
    """The enrolment QR code as an SVG path, made here: no image service, no network."""
    beeld = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return str(beeld.to_string(encoding="unicode"))


def geheim_leesbaar(device: TOTPDevice) -> str:
    """The secret in base32 in groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    geheim = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))
