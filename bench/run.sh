#!/usr/bin/env bash
# Tessera contacts benchmark: builds the distribution if missing, unpacks a fresh copy under bench/work,
# starts it, loads N contacts, measures create / get / list / search and RSS, measures raw Derby commits
# on the same disk, prints a summary and writes everything to bench/results/<timestamp>/.
# Always stops the distribution it started. See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")

N=${N:-100000}                      # contacts to load
PORT=${PORT:-8383}                  # HTTP port of the benchmarked distribution (127.0.0.1 only)
LOAD_THREADS=${LOAD_THREADS:-16}    # concurrent HTTP clients while loading
LOAD_MAX_SECONDS=${LOAD_MAX_SECONDS:-14400}
CREATE_COUNT=${CREATE_COUNT:-3000}  # timed creates per client thread, per concurrency level
CREATE_SECONDS=${CREATE_SECONDS:-30}
READ_CONC=${READ_CONC:-1}           # client threads for get / list / search
READ_COUNT=${READ_COUNT:-3000}      # timed requests per read operation (search kinds: half each)
READ_SECONDS=${READ_SECONDS:-30}
WARMUP=${WARMUP:-300}               # untimed requests before each read operation
WARMUP_SECONDS=${WARMUP_SECONDS:-10} # ...and at most this long (also for the creates)
RAW_COUNT=${RAW_COUNT:-500000}      # raw Derby commits per run (in practice bounded by RAW_SECONDS)
RAW_SECONDS=${RAW_SECONDS:-10}
START_SECONDS=${START_SECONDS:-240} # how long the distribution may take to answer
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-60} # seconds; a slower answer counts as an error
DIST_JAVA_OPTS=${DIST_JAVA_OPTS:-}  # extra JVM options for the distribution (empty = as shipped), e.g. -Xmx384m
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAVAC="$JAVA_HOME/bin/javac"

NAME=tessera-karaf-assembly-1.0.0-SNAPSHOT
TAR="$ROOT/karaf-assembly/target/$NAME.tar.gz"
WORK="$HERE/work"
DIST_PARENT="$WORK/dist"
DIST="$DIST_PARENT/$NAME"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$HERE/results/$STAMP"
DERBY_REPO="${MAVEN_REPO:-$HOME/.m2/repository}/org/apache/derby"
DERBY_CP="$DERBY_REPO/derby/10.16.1.1/derby-10.16.1.1.jar:$DERBY_REPO/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$DERBY_REPO/derbytools/10.16.1.1/derbytools-10.16.1.1.jar"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The Java process of the distribution unpacked in $DIST (its command line names the folder).
dist_pid() {
    local p
    for p in $(pgrep -f -- "$DIST" 2>/dev/null || true); do
        if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ]; then
            echo "$p"
            return 0
        fi
    done
    return 0
}

stop_dist() {
    [ -x "$DIST/bin/stop" ] || return 0
    local pid
    pid=$(dist_pid)
    [ -n "$pid" ] || return 0
    log "stopping the distribution (pid $pid)"
    "$DIST/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { log "stopped"; return 0; }
        sleep 1
    done
    log "bin/stop did not end pid $pid in 60 s; sending TERM, then KILL"
    kill "$pid" 2>/dev/null || true
    sleep 10
    kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_dist || true
    if [ -d "$OUT" ] && [ -d "$DIST/data/log" ]; then
        cp "$DIST/data/log/karaf.log" "$OUT/karaf.log" 2>/dev/null || true
    fi
    [ $rc -eq 0 ] || log "FAILED (exit $rc); partial results in $OUT"
    exit $rc
}

for tool in curl pgrep tar; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
[ -x "$JAVA" ] || { echo "no Java 17 at $JAVA_HOME (set BENCH_JAVA_HOME)" >&2; exit 1; }
for jar in ${DERBY_CP//:/ }; do
    [ -f "$jar" ] || { echo "missing Derby jar $jar (build the project once to fetch it)" >&2; exit 1; }
done

# 1. the distribution: build it only when its tar.gz is missing (never 'mvn clean': others build too)
if [ ! -f "$TAR" ]; then
    log "building the distribution (mvn -o -q install -Dmaven.test.skip=true)"
    for attempt in 1 2 3; do
        if (cd "$ROOT" && mvn -o -q install -Dmaven.test.skip=true); then break; fi
        [ $attempt -lt 3 ] || { echo "build failed" >&2; exit 1; }
        log "build failed (attempt $attempt); retrying in 20 s (a concurrent build may have interfered)"
        sleep 20
    done
fi

# 2. a fresh copy; a distribution left running from an earlier interrupted run is stopped first
mkdir -p "$WORK" "$OUT"
stop_dist
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
    echo "something already listens on 127.0.0.1:$PORT; set PORT to a free port" >&2
    exit 1
fi
rm -rf "$DIST_PARENT"
mkdir -p "$DIST_PARENT"
cp "$TAR" "$WORK/$NAME.tar.gz"
tar xzf "$WORK/$NAME.tar.gz" -C "$DIST_PARENT"
# Only the copy under test is touched, and only its SSH console: loopback and a port next to ours, so
# it never clashes with another engineer's distribution on 8101 nor listens on other interfaces.
sed -i -e "s/^sshHost *=.*/sshHost = 127.0.0.1/" -e "s/^sshPort *=.*/sshPort = $((PORT + 1))/" \
    "$DIST/etc/org.apache.karaf.shell.cfg"

trap cleanup EXIT INT TERM

{
    echo "run.started=$(date -Is)"
    echo "run.cpus=$(nproc)"
    echo "run.workDir=$WORK ($(df -P "$WORK" | awk 'NR==2 {print $1}'))"
    echo "run.dist=$TAR ($(date -r "$TAR" -Is); git HEAD then: $(git -C "$ROOT" log -1 --format='%h %ad' --date=format:%H:%M 2>/dev/null || echo '?'))"
    echo "run.n=$N"
    echo "run.port=$PORT"
    echo "run.distJavaOpts=$DIST_JAVA_OPTS"
    echo "run.loadavgStart=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/run.properties"

# 3. compile the drivers
mkdir -p "$WORK/classes"
"$JAVAC" -nowarn -d "$WORK/classes" "$HERE/ContactsBench.java"
"$JAVAC" -nowarn -d "$WORK/classes" -cp "$DERBY_CP" "$HERE/DerbyCommitBench.java"
BENCH=("$JAVA" -Xmx1g -cp "$WORK/classes" ContactsBench)
RAW=("$JAVA" -cp "$WORK/classes:$DERBY_CP" DerbyCommitBench)

# 4. start and wait until the API answers with the generated admin password
log "starting $DIST on 127.0.0.1:$PORT"
EXTRA_JAVA_OPTS="$DIST_JAVA_OPTS" TESSERA_HTTP_PORT=$PORT "$DIST/bin/start"
PASSWORD_FILE="$DIST/data/tessera/initial-admin-password"
started=$(date +%s)
while :; do
    if [ -s "$PASSWORD_FILE" ]; then
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u "admin:$(cat "$PASSWORD_FILE")" \
            "http://127.0.0.1:$PORT/api/v1/contacts?limit=1" || true)
        [ "$code" = 200 ] && break
    fi
    if [ $(( $(date +%s) - started )) -gt "$START_SECONDS" ]; then
        echo "the distribution did not answer in $START_SECONDS s; see $DIST/data/log/karaf.log" >&2
        exit 1
    fi
    sleep 1
done
PID=$(dist_pid)
log "up after $(( $(date +%s) - started )) s, JVM pid ${PID:-?}"
COMMON=(--out "$OUT" --base "http://127.0.0.1:$PORT/api/v1" --user admin --password-file "$PASSWORD_FILE" --pid "${PID:-}"
        --warmup-seconds "$WARMUP_SECONDS" --request-timeout-seconds "$REQUEST_TIMEOUT")

# 5. load, raw Derby, creates, raw Derby again, reads, report
log "loading $N contacts"
"${BENCH[@]}" load "${COMMON[@]}" --n "$N" --threads "$LOAD_THREADS" --max-seconds "$LOAD_MAX_SECONDS" | tee "$OUT/load.log"

RAW_DIR="$WORK/rawderby"  # same folder tree, hence the same filesystem, as the distribution's data/
log "raw Derby single-row commits in $RAW_DIR"
"${RAW[@]}" --dir "$RAW_DIR" --threads 1,8 --warmup 500 --count "$RAW_COUNT" --max-seconds "$RAW_SECONDS" \
    --out "$OUT/raw-before.properties" | tee "$OUT/raw-before.log"

log "create contact"
"${BENCH[@]}" create "${COMMON[@]}" --conc 1,8 --count "$CREATE_COUNT" --max-seconds "$CREATE_SECONDS" | tee "$OUT/create.log"

log "raw Derby again"
"${RAW[@]}" --dir "$RAW_DIR" --threads 1,8 --warmup 500 --count "$RAW_COUNT" --max-seconds "$RAW_SECONDS" \
    --out "$OUT/raw-after.properties" | tee "$OUT/raw-after.log"

log "reads"
"${BENCH[@]}" read "${COMMON[@]}" --n "$N" --conc "$READ_CONC" --warmup "$WARMUP" --count "$READ_COUNT" \
    --max-seconds "$READ_SECONDS" | tee "$OUT/read.log"

echo "run.loadavgEnd=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/run.properties"
echo
"${BENCH[@]}" report --out "$OUT"
ln -sfn "$STAMP" "$HERE/results/latest"
echo
log "results in $OUT (also bench/results/latest)"
