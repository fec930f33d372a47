from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Bladzijden(PageNumberPagination):
    """Page numbers as the schema says: a positive integer, or absent. Anything else is a 400
    with a Dutch message, not silently page 1 (found by schemathesis)."""

    page_size = 50

    def get_page_number(self, request, paginator):
        waarde = request.query_params.get(self.page_query_param)
        if waarde is None:
            return 1
        if not waarde.isdigit() or int(waarde) < 1:
            raise ValidationError(
                {self.page_query_param: [_("Geef een paginanummer van 1 of hoger.")]}
            )
        return int(waarde)
