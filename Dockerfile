# The portal's production image: gunicorn for web, the same image for the
# Celery worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      fonts-noto-cjk fonts-morisawa-bizud-gothic libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kyosai_portal kyosai_portal
COPY enrollment enrollment
COPY maintenance maintenance
COPY benefits benefits
COPY auth_mynumber_gbiz auth_mynumber_gbiz
RUN pip install --no-cache-dir .
COPY manage.py gunicorn.conf.py ./
COPY templates templates
COPY static static

ENV PORTAL_ENV=production PYTHONUNBUFFERED=1
RUN SECRET_KEY=build-only FIELD_ENCRYPTION_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 portal && mkdir -p /data && chown portal /data
USER portal
EXPOSE 8000
CMD ["gunicorn", "kyosai_portal.wsgi:application", "--bind", "0.0.0.0:8000"]
