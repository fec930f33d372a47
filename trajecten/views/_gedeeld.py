"""What the casemanager's screens share: the trajectory through the door with the right to
change it, and the one pattern of a form page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access


def traject_met_recht(request, pk, *, wijzigen=False, bijwerken=False):
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    if wijzigen and not access.mag_traject_wijzigen(request.user, traject):
        raise PermissionDenied
    if bijwerken and not access.mag_voorwaarden_bijwerken(request.user, traject):
        raise PermissionDenied
    return traject


def formulierpagina(request, traject, form, titel, knop, service, /, **kwargs):
    if request.method == "POST" and form.is_valid():
        resultaat = form.bewaar(service, acting_user=request.user, **kwargs, **form.cleaned_data)
        if resultaat is not None:
            messages.success(request, _("%(titel)s: opgeslagen.") % {"titel": titel})
            return redirect(traject)
    return render(
        request,
        "trajecten/formulier.html",
        {"traject": traject, "form": form, "titel": titel, "knop": knop},
        status=400 if form.errors else 200,
    )
