"""Log records without query strings: a search term (?zoek=Jansen) is personal data and must not
land in a log file. Used by LOGGING in settings/base.py for every console record, including
runserver's request lines (django.server); gunicorn's access log has its own format
(gunicorn.conf.py)."""

import logging
import re

# A path or URL followed by a query string: "/caseload/?zoek=Jansen" → "/caseload/".
_QUERY = re.compile(r"(/[^\s\"?]*)\?[^\s\"]*")


def zonder_query(tekst: str) -> str:
    return _QUERY.sub(r"\1", tekst)


class ZonderQueryString(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(zonder_query(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = zonder_query(record.msg)
        return True
