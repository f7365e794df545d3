# The LearnHook app (learnhook.jar) in a container: docs/OPERATIONS.md, "Run in a container".
#
#   docker build -t learnhook .
#   docker run --rm -p 8080:8080 learnhook            # demo data on an embedded H2 file in /data
#   docker compose -f examples/compose/compose.yaml up  # with PostgreSQL and a seed file
#
# Stage 1 builds the jar from the sources with the project's own Maven build (tests are the CI's
# job, not the image's). Stage 2 is a JRE only: no compiler, no Maven, no sources.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds of the image, so a rebuild downloads nothing again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        package -pl examples -am \
 && cp examples/target/learnhook.jar /learnhook.jar

FROM eclipse-temurin:17-jre
# A fixed non-root user, so that volumes can be given to it by number (uid/gid 10001).
RUN groupadd --system --gid 10001 learnhook \
 && useradd --system --uid 10001 --gid learnhook --home-dir /data --shell /usr/sbin/nologin learnhook \
 && mkdir -p /data && chown learnhook:learnhook /data
COPY --from=build /learnhook.jar /opt/learnhook/learnhook.jar

# The app's own variables (docs/CONTRACTS.md section 6). Inside a container it must listen on every
# address of the container: 127.0.0.1 (the app's default) would be unreachable from outside it.
# With no LEARNHOOK_DB it keeps an H2 file under /data (mount a volume there to keep it).
ENV LEARNHOOK_BIND=0.0.0.0 \
    LEARNHOOK_PORT=8080 \
    LEARNHOOK_DB=jdbc:h2:file:/data/learnhook-data/learnhook \
    LEARNHOOK_REPORT_TIMEOUT=10
# LEARNHOOK_SEED is unset: demo data. Set it to a mounted seed file (examples/compose/compose.yaml).

USER learnhook:learnhook
WORKDIR /data
VOLUME /data
EXPOSE 8080

# Liveness through bash's /dev/tcp: the JRE image need not carry curl or wget for it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${LEARNHOOK_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]

# exec form: the JVM is PID 1 and gets SIGTERM from `docker stop`, so the app stops cleanly.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/learnhook/learnhook.jar"]
CMD ["serve"]
