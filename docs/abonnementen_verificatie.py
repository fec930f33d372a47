"""Example verifier for the CloudEvents of reintegratie's event subscriptions (issue 16, ADR 0021).

Copy this file into the receiving system. Each POST carries the header

    Reintegratie-Handtekening: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>

Verify over the raw bytes of the body (before parsing JSON), compare in constant time, refuse a
timestamp outside the replay window, and drop an event whose `id` you already processed (a
delivery may come more than once). Only the Python standard library is used.

    from abonnementen_verificatie import OngeldigeHandtekening, verifieer

    try:
        event = verifieer(request.body, request.headers["Reintegratie-Handtekening"], GEHEIM)
    except OngeldigeHandtekening:
        return 401
    if event["id"] in verwerkt:      # duplicate: acknowledge, do nothing
        return 204
"""

import hashlib
import hmac
import json
import time

KOP = "Reintegratie-Handtekening"
VENSTER_SECONDEN = 300


class OngeldigeHandtekening(Exception):
    """Forged, altered, replayed (too old or from the future) or malformed."""


def verifieer(
    body: bytes,
    kop: str,
    geheim: str,
    *,
    nu: float | None = None,
    venster: int = VENSTER_SECONDEN,
) -> dict:
    """The CloudEvent (a dict) when the signature is valid and fresh; else OngeldigeHandtekening."""
    delen: dict[str, list[str]] = {}
    for deel in (kop or "").split(","):
        sleutel, _is, waarde = deel.strip().partition("=")
        delen.setdefault(sleutel, []).append(waarde)
    tijd = (delen.get("t") or [""])[0]
    if not tijd.isascii() or not tijd.isdigit() or not delen.get("v1"):
        raise OngeldigeHandtekening("kop zonder t= of v1=")
    if abs((time.time() if nu is None else nu) - int(tijd)) > venster:
        raise OngeldigeHandtekening("tijdstip buiten het venster (herhaald of oud bericht)")
    verwacht = hmac.new(geheim.encode(), f"{tijd}.".encode() + body, hashlib.sha256).hexdigest()
    # The server sends one v1 (a rotated secret takes effect at once); any v1 given must match it.
    # Compare bytes: compare_digest raises TypeError on a non-ASCII str (a 500 instead of a 401).
    if not any(hmac.compare_digest(verwacht.encode(), v.encode()) for v in delen["v1"]):
        raise OngeldigeHandtekening("handtekening klopt niet")
    event = json.loads(body)
    if not isinstance(event, dict) or event.get("specversion") != "1.0" or not event.get("id"):
        raise OngeldigeHandtekening("geen CloudEvent")
    return event
