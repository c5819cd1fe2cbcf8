# Quizapp's app server image: gunicorn on port 8000, as an unprivileged user.
# Build: docker build -t quizapp .   (compose.yaml builds and runs it for you)

# Build stage: compile wheels for the app and its dependencies.
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY quizapp ./quizapp
RUN pip wheel --no-cache-dir --wheel-dir /wheels '.[prod]'

# Run stage: the wheels installed, the bank and migrations beside them, no compilers.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FLASK_APP=quizapp \
    GUNICORN_BIND=0.0.0.0:8000 \
    TRUSTED_PROXIES=1
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin quizapp
COPY --from=build /wheels /wheels
# Only the dependencies: the app itself runs from /app, where the factory finds
# migrations/ and questions/ beside the package.
RUN rm /wheels/quizapp-*.whl \
    && pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
    && rm -rf /wheels
WORKDIR /app
ENV PYTHONPATH=/app
COPY --chown=root:root quizapp ./quizapp
COPY --chown=root:root migrations ./migrations
COPY --chown=root:root questions ./questions
COPY --chown=root:root gunicorn.conf.py ./
RUN mkdir -p /app/instance && chown quizapp /app/instance
USER quizapp
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "quizapp:create_app()"]
