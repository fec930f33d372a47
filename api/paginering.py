from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

# The highest page number the API accepts: nine digits (issue 13's fuzz test found 10,000 digits
# beyond int()'s limit). In the schema as `maximum`, so the contract and the check agree (issue 16).
HOOGSTE_PAGINA = 999_999_999


class Bladzijden(PageNumberPagination):
    """Page numbers as the schema says: an integer from 1 to HOOGSTE_PAGINA, or absent. Anything
    else is a 400 with a Dutch message, not silently page 1 (found by schemathesis); a page past
    the last is a 404."""

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

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": HOOGSTE_PAGINA}
                parameter["description"] = (
                    "Bladzijde van 1 tot en met 999999999; een bladzijde na de laatste geeft 404."
                )
        return parameters
