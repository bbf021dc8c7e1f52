# syntax=docker/dockerfile:1
# One image recipe for every Mediafleet service. MODULE picks which (its directory, artifact and jar name):
#   docker build --build-arg MODULE=scheduler-service -t mediafleet/scheduler-service .
# Stage 1 builds the module with the Maven wrapper, stage 2 splits the executable jar into Spring Boot's layers
# (dependencies change rarely, the application often, so rebuilt images reuse the lower layers), stage 3 runs it
# as a non-root user on a JRE.
ARG MODULE=scheduler-service

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds of different modules; tests ran in CI already.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -pl "${MODULE}" -am -DskipTests package \
 && cp "${MODULE}/target/${MODULE}.jar" /application.jar

FROM eclipse-temurin:21-jre AS layers
WORKDIR /layers
COPY --from=build /application.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:21-jre
ARG MODULE
RUN groupadd --system --gid 10001 mediafleet \
 && useradd --system --uid 10001 --gid mediafleet --home-dir /data --create-home mediafleet
WORKDIR /application
# Least to most often changed, one image layer each.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
COPY ops/docker/healthcheck.sh /usr/local/bin/healthcheck
# The agents drive real programs: the burner burns with xorriso, the player plays with mpv.
RUN case "${MODULE}" in \
      burner-agent) tools=xorriso ;; \
      player-agent) tools=mpv ;; \
      *) tools= ;; \
    esac \
 && if [ -n "$tools" ]; then \
      apt-get update && apt-get install -y --no-install-recommends $tools && rm -rf /var/lib/apt/lists/*; \
    fi
USER 10001:10001
# Relative paths in the services' settings (library/, isos/, media/, burner.uid) land in the user's home.
WORKDIR /data
ENV MODULE=${MODULE} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# SERVER_PORT is read by the health check too; each service's own default port is set by compose or the chart.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["healthcheck"]
ENTRYPOINT ["java", "-jar", "/application/application.jar"]
