"""Calendar invitation (RFC 5545) for a trajectgesprek. Invitations leave the system and end up in
other calendars, so they carry no name of the detainee: only the kind of meeting, the place or
video link, and the link to the trajectory page (which asks for a login)."""

from datetime import UTC, timedelta

from django.utils import timezone

from .models import Trajectgesprek


def _tekst(waarde: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): every line break - CRLF, a bare CR or LF - becomes the
    escaped \\n, so no typed text can end the line and start a property of its own."""
    waarde = waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return waarde.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _uri(waarde: str) -> str:
    """A URI value cannot be escaped; a line break in it is simply dropped."""
    return waarde.replace("\r", "").replace("\n", "")


def _vouw(regel: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 §3.1)."""
    data = regel.encode()
    if len(data) <= 75:
        return regel
    delen, start = [], 0
    while start < len(data):
        breedte = 75 if start == 0 else 74
        eind = min(start + breedte, len(data))
        while eind < len(data) and (data[eind] & 0xC0) == 0x80:  # never split a UTF-8 character
            eind -= 1
        delen.append(data[start:eind].decode())
        start = eind
    return "\r\n ".join(delen)


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def uitnodiging(gesprek: Trajectgesprek, pagina_url: str) -> str:
    einde = gesprek.gepland_op + timedelta(minutes=gesprek.duur_minuten)
    plek = gesprek.videolink or gesprek.plaats
    beschrijving = [f"{gesprek.get_soort_display()} in het re-integratietraject."]
    if gesprek.videolink:
        beschrijving.append(f"Videolink: {gesprek.videolink}")
    if gesprek.plaats:
        beschrijving.append(f"Plaats: {gesprek.plaats}")
    beschrijving.append(f"Traject (inloggen vereist): {pagina_url}")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//reintegratie//trajectgesprek//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if gesprek.geannuleerd else "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{gesprek.uid}@reintegratie",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(gesprek.gepland_op)}",
        f"DTEND:{_utc(einde)}",
        f"SUMMARY:{_tekst(f'{gesprek.get_soort_display()} (traject {gesprek.traject_id})')}",
        f"LOCATION:{_tekst(plek)}",
        f"DESCRIPTION:{_tekst(chr(10).join(beschrijving))}",
    ]
    if gesprek.videolink:
        regels.append(f"URL:{_uri(gesprek.videolink)}")
    if gesprek.geannuleerd:  # a cancelled meeting leaves the calendars it went to
        regels.append("STATUS:CANCELLED")
    regels += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_vouw(r) for r in regels) + "\r\n"
