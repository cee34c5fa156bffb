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

. "$HERE/lib.sh"

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

# 1. the distribution: built only when its tar.gz is missing
build_dist_if_missing

# 2. a fresh copy; a distribution left running from an earlier interrupted run is stopped first
mkdir -p "$WORK" "$OUT"
require_free_port
unpack_dist "$DIST_PARENT"

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
start_dist
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
