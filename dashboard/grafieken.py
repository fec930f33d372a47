"""The dashboard's charts, drawn from the same figures as its tables (dashboard.tabellen)."""

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cijfers import Dashboard
from .svg import Reeks, balkdiagram, kolomdiagram, lijndiagram
from .tabellen import decimaal, met_n

ZIE_TABEL = gettext_lazy("De cijfers staan in de tabel bij deze grafiek.")


def _procent(waarde) -> str:
    return f"{waarde} %"


def termijnen(d: Dashboard) -> SafeString:
    return lijndiagram(
        "grafiek-termijnen",
        _("Termijnen op tijd gehaald, per maand van binnenkomst"),
        _(
            "Lijngrafiek met het percentage op tijd gehaalde termijnen voor contact gemeente, "
            "plan vastgesteld en startoverleg. %(zie)s"
        )
        % {"zie": ZIE_TABEL},
        [m.maand for m in d.termijnen],
        [
            Reeks(
                naam,
                [getattr(m, veld).procent for m in d.termijnen],
                [met_n(getattr(m, veld).op_tijd, getattr(m, veld).beslist) for m in d.termijnen],
            )
            for naam, veld in (
                (_("Contact gemeente"), "contact"),
                (_("Plan vastgesteld"), "plan"),
                (_("Startoverleg"), "startoverleg"),
            )
        ],
    )


def gesprekken(d: Dashboard) -> SafeString:
    return kolomdiagram(
        "grafiek-gesprekken",
        _("Gehouden trajectgesprekken per traject, per maand"),
        _("Staafgrafiek met het aantal gehouden trajectgesprekken per traject in detentie. %(zie)s")
        % {"zie": ZIE_TABEL},
        [m.maand for m in d.gesprekken],
        [m.per_traject for m in d.gesprekken],
        lambda w: decimaal(w, 2),
    )


def gemeenten(d: Dashboard) -> SafeString | None:
    if not d.respons:
        return None
    return balkdiagram(
        "grafiek-gemeenten",
        _("Mediane reactietijd van gemeenten in werkdagen"),
        _(
            "Staafgrafiek per gemeente met de mediaan in werkdagen tot gezien en tot opgepakt, "
            "traagste bovenaan. %(zie)s"
        )
        % {"zie": ZIE_TABEL},
        [r.naam for r in d.respons],
        [
            Reeks(_("Tot gezien"), [r.mediaan_gezien for r in d.respons]),
            Reeks(_("Tot opgepakt"), [r.mediaan_opgepakt for r in d.respons]),
        ],
        lambda w: decimaal(w, 1),
    )


def caseload(d: Dashboard) -> SafeString | None:
    if not d.caseload:
        return None
    norm = d.caseload[0].norm
    return balkdiagram(
        "grafiek-caseload",
        _("Caseload per casemanager tegen de norm van %(norm)s") % {"norm": norm},
        _(
            "Staafgrafiek met het aantal trajecten in detentie per casemanager; een stippellijn "
            "markeert de norm, rode staven liggen erboven. %(zie)s"
        )
        % {"zie": ZIE_TABEL},
        [c.naam for c in d.caseload],
        [Reeks(_("Trajecten in detentie"), [c.aantal for c in d.caseload])],
        str,
        norm=norm,
        normlabel=_("norm %(norm)s") % {"norm": norm},
    )


def uitstroom(d: Dashboard) -> SafeString | None:
    if not d.uitgestroomd:
        return None
    return balkdiagram(
        "grafiek-uitstroom",
        _("Basisvoorwaarden op orde bij uitstroom"),
        _(
            "Staafgrafiek met per basisvoorwaarde het percentage uitgestroomde trajecten waarin "
            "die op orde was. %(zie)s"
        )
        % {"zie": ZIE_TABEL},
        # The n beside each bar: 'Inkomen (1 van 1)'.
        [
            _("%(label)s (%(deel)s van %(geheel)s)")
            % {"label": b.label, "deel": b.op_orde, "geheel": b.uitgestroomd}
            for b in d.bij_uitstroom
        ],
        [Reeks(_("Op orde"), [b.procent for b in d.bij_uitstroom])],
        _procent,
        maximum=100,
    )


def alle(d: Dashboard) -> dict[str, SafeString | None]:
    return {
        "termijnen": termijnen(d),
        "gesprekken": gesprekken(d),
        "gemeenten": gemeenten(d),
        "caseload": caseload(d),
        "uitstroom": uitstroom(d),
    }
