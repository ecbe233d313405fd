# syntax=docker/dockerfile:1
#
# The image of each service, one Dockerfile for the three: SERVICE names the module, PORT its HTTP port. Built from
# the whole repository (the reactor needs the root pom and every module's pom), so the build context is the root:
#
#   docker build --build-arg SERVICE=ingest-service --build-arg PORT=8081 -t ticker/ingest-service:local .
#
# or, with everything else, `docker compose up --build` (docker-compose.yml passes both). No JDK is needed on the host.
ARG SERVICE

# --- build: Maven, with the local repository in a BuildKit cache mount so dependencies survive between builds ---
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl ${SERVICE} -am package -DskipTests -Dspotless.check.skip=true

# --- runtime: a slim JRE, the fast-jar layout as Quarkus builds it, a non-root user ---
FROM eclipse-temurin:17-jre AS runtime
ARG SERVICE
ARG PORT
# curl serves the container health check; the user owns nothing in the image (the root filesystem may be read-only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 ticker \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin ticker
WORKDIR /deployments
COPY --from=build /src/${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /src/${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY --from=build /src/${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --from=build /src/${SERVICE}/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
# The heap and GC the service runs with everywhere (./ticker up, the system tests, the bench read the same file).
COPY --from=build /src/${SERVICE}/src/main/docker/jvm.options /deployments/jvm.options
USER 10001:10001
EXPOSE ${PORT}
ENV QUARKUS_HTTP_PORT=${PORT} \
    JAVA_OPTS="-XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=6 \
    CMD curl -fsS "http://localhost:${QUARKUS_HTTP_PORT}/q/health/ready" > /dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $(cat /deployments/jvm.options) $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
