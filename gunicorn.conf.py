"""gunicorn settings read by the Dockerfile and docker-compose (`-c gunicorn.conf.py`).
The access log leaves out the query string (%(U)s is the path alone) and the Referer (which
carries the previous page's query): search terms are personal data (issue 17, docs/security.md)."""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(D)sus "%(a)s"'
