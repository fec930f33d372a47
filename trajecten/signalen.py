"""Events of the trajectory that other core apps act on, without trajecten importing them
(ADR 0008: signalering sits above trajecten). Sent by services inside their transaction, so
what a receiver writes commits or rolls back with the change; the sending service's docstring
says so."""

from django.dispatch import Signal

# kwargs: overplaatsing (trajecten.models.Overplaatsing), acting_user
traject_overgeplaatst = Signal()

# kwargs: actie (trajecten.models.Actie, just set to gedaan or vervallen), acting_user
actie_afgerond = Signal()

# An event people must hear of (issue 12). kwargs: soort (keuzes.Gebeurtenissoort), traject,
# door (the acting Medewerker or None for the system), ontvangers (ids of Medewerkers to tell
# besides those signalering derives from the kind), gegevens (dict of short strings, no
# personal data: e.g. {"datum": "2026-12-07"}). Sent inside the service's transaction.
gebeurtenis = Signal()

# The same event for many trajectories at once (a caseload move): kwargs soort, trajecten (a
# list), door, ontvangers, gegevens as above. Receivers handle it in a fixed number of queries.
gebeurtenissen = Signal()
