#!/usr/bin/env bash
# Builds Tessera, starts the Standard edition on embedded Derby with demo data, and prints where to go.
#   ./start-tessera.sh            build (without tests) and start on http://127.0.0.1:8181
#   TESSERA_HTTP_PORT=8282 ./start-tessera.sh     another port
#   ./start-tessera.sh stop       stop it again
# The running copy lives in karaf-assembly/target/tessera (data, logs); a rebuild starts it afresh.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
home=karaf-assembly/target/tessera
port="${TESSERA_HTTP_PORT:-8181}"
export TESSERA_HTTP_PORT="$port"

if [ "${1:-}" = "stop" ]; then
    [ -x "$home/bin/stop" ] && "$home/bin/stop" && echo "Tessera stopped."
    exit 0
fi

if [ -x "$home/bin/status" ] && "$home/bin/status" >/dev/null 2>&1; then
    echo "Stopping the running Tessera first..."
    "$home/bin/stop" || true
    for _ in $(seq 1 60); do "$home/bin/status" >/dev/null 2>&1 || break; sleep 1; done
fi

echo "Building Tessera (tests skipped; run 'mvn verify' for those)..."
mvn -B -q install -DskipTests

rm -rf "$home" karaf-assembly/target/unpacked
mkdir -p karaf-assembly/target/unpacked
tar -xzf karaf-assembly/target/tessera-karaf-assembly-*.tar.gz -C karaf-assembly/target/unpacked
mv karaf-assembly/target/unpacked/* "$home"
rmdir karaf-assembly/target/unpacked

echo "Starting Tessera (Standard edition, embedded Derby, demo data) on 127.0.0.1:$port..."
EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Dtessera.demo=true" "$home/bin/start"

url="http://127.0.0.1:$port"
password_file="$home/data/tessera/initial-admin-password"
for _ in $(seq 1 180); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/platform" || true)
    if [ "$code" = "401" ] && [ -s "$password_file" ]; then
        break
    fi
    sleep 1
done
if [ "${code:-}" != "401" ]; then
    echo "Tessera did not come up; see $home/data/log/karaf.log" >&2
    exit 1
fi
cat <<TXT

Tessera is running.
  Console:        $url/console/
  API:            $url/api/v1/platform   (REST, HTTP Basic)
  Log in as:      admin, password in $password_file
  Try:            curl -u admin:\$(cat $password_file) $url/api/v1/contacts?limit=5
  Logs and data:  $home/data/log/karaf.log, $home/data/tessera/
  Stop:           ./start-tessera.sh stop
TXT
