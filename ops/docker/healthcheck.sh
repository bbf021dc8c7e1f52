#!/bin/bash
# Container health check without curl or wget in the image: asks the service's readiness group over bash's
# /dev/tcp and succeeds only on an HTTP 200 whose body says UP.
#   healthcheck [PORT] [PATH]   (defaults: $SERVER_PORT or 8080, /actuator/health/readiness)
set -u
port=${1:-${SERVER_PORT:-8080}}
path=${2:-/actuator/health/readiness}
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
response=$(timeout 3 cat <&3)
case "${response}" in
  "HTTP/1."?" 200"*'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
