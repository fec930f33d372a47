# Production image: one image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=reintegratie.settings.production

# Pango and a font for the PDF documents (WeasyPrint); nothing is fetched at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app

COPY pyproject.toml ./
COPY requirements ./requirements
COPY reintegratie ./reintegratie
COPY ketenpartners ./ketenpartners
COPY trajecten ./trajecten
RUN pip install --no-cache-dir -c requirements/constraints.txt .

COPY . .
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input \
    && chown -R app:app /app

USER app
EXPOSE 8000
# The container logs in to PostgreSQL as the application role (DATABASE_URL), which owns
# nothing; migrations run once beforehand as the owner role: scripts/docker-migreer.sh
# (docker-compose.yml service `migrate`, docs/security.md "Databaserollen").
CMD ["gunicorn", "reintegratie.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "-c", "gunicorn.conf.py"]
