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
        # ASCII digits only, and short: '²' is a digit to isdigit() but not to int(), and
        # 10,000 digits exceed int()'s limit (both found by the fuzz test of issue 13).
        if not (waarde.isascii() and waarde.isdigit() and len(waarde) <= 9) or int(waarde) < 1:
            raise ValidationError(
                {self.page_query_param: [_("Geef een paginanummer van 1 of hoger.")]}
            )
        return int(waarde)
