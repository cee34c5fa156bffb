#!/usr/bin/env bash
# Tessera 1C exchange benchmark: imports a generated catalog of N products with offers (prices, stock)
# into a fresh distribution over real HTTP, exactly as 1C sends it (/exchange/1c, file_limit chunks, import
# polled while it answers progress), samples the distribution's heap all along, then measures raw Derby
# batched inserts of N product rows on the same disk in the same run. See bench/README-exchange1c.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")

N=${N:-100000}                      # products (and offers) in the generated package
PORT=${PORT:-8393}                  # HTTP port of the benchmarked distribution (127.0.0.1 only)
RAW_BATCH=${RAW_BATCH:-1000}        # rows per batch (and commit) of the raw Derby yardstick
RAW_REPEAT=${RAW_REPEAT:-3}         # raw runs, each into a fresh database; the median rate is the yardstick
PARTS=${PARTS-product,audit,link;product,link;product} # subsets of the import's rows also written alone (PARTS= skips)
FILES=${FILES:-import.xml,offers.xml} # what 1C sends: the catalog, then the offers (FILES=import.xml: catalog only)
START_SECONDS=${START_SECONDS:-240}
DIST_JAVA_OPTS=${DIST_JAVA_OPTS:-}  # extra JVM options for the distribution (its heap is capped at 256 MB as shipped)
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAVAC="$JAVA_HOME/bin/javac"
JSTAT="$JAVA_HOME/bin/jstat"

NAME=tessera-karaf-assembly-1.0.0-SNAPSHOT
TAR="$ROOT/karaf-assembly/target/$NAME.tar.gz"
WORK="$HERE/work/exchange1c"
DIST="$WORK/dist/$NAME"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$HERE/results/exchange1c-$STAMP"
DERBY_REPO="${MAVEN_REPO:-$HOME/.m2/repository}/org/apache/derby"
DERBY_CP="$DERBY_REPO/derby/10.16.1.1/derby-10.16.1.1.jar:$DERBY_REPO/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$DERBY_REPO/derbytools/10.16.1.1/derbytools-10.16.1.1.jar"

. "$HERE/lib.sh"

SAMPLER=""
stop_sampler() {
    [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
    SAMPLER=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_sampler
    stop_dist || true
    [ -f "$DIST/data/log/karaf.log" ] && cp "$DIST/data/log/karaf.log" "$OUT/karaf.log" 2>/dev/null || true
    [ $rc -eq 0 ] || log "FAILED (exit $rc); partial results in $OUT"
    exit $rc
}

for jar in ${DERBY_CP//:/ }; do
    [ -f "$jar" ] || { echo "missing Derby jar $jar (set MAVEN_REPO to the local Maven repository)" >&2; exit 1; }
done
build_dist_if_missing
mkdir -p "$WORK" "$OUT" "$WORK/classes"
require_free_port
"$JAVAC" -d "$WORK/classes" "$HERE/Exchange1cBench.java"
BENCH=("$JAVA" -Xmx256m -cp "$WORK/classes:$DERBY_CP" Exchange1cBench)

log "generating $N products with offers"
"${BENCH[@]}" generate --dir "$WORK/package" --products "$N"
ls -l "$WORK/package" | tee "$OUT/package.txt"

unpack_dist "$WORK/dist"
trap cleanup EXIT INT TERM
{
    echo "run.started=$(date -Is)"
    echo "run.cpus=$(nproc)"
    echo "run.loadavgStart=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "run.n=$N"
    echo "run.git=$(git -C "$ROOT" log -1 --format='%h' 2>/dev/null || echo '?')"
    echo "run.distJavaOpts=$DIST_JAVA_OPTS"
} > "$OUT/results.properties"

start_dist
curl -sf -u "admin:$P" -H 'Content-Type: application/json' -d '{"name":"tessera-exchange1c"}' \
    "http://127.0.0.1:$PORT/api/v1/platform/features" >/dev/null
for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/exchange/1c?type=catalog&mode=checkauth")" = 401 ] && break
    sleep 1
done
echo "dist.heapOptions=$(tr '\0' ' ' < "/proc/$PID/cmdline" | grep -o -- '-Xm[sx][^ ]*' | tr '\n' ' ')" >> "$OUT/results.properties"

# heap used (young + old, after whatever the collector did) every second, from the start of the exchange
"$JSTAT" -gc "$PID" 1000 > "$OUT/jstat.txt" 2>&1 &
SAMPLER=$!

log "1C exchange: $N products with offers, files $FILES"
"${BENCH[@]}" exchange --base "http://127.0.0.1:$PORT" --user admin --password "$P" --dir "$WORK/package" \
    --out "$OUT/results.properties" --files "$FILES"
stop_sampler
grep -E '^ *[0-9]' "$OUT/jstat.txt" | awk '{ used = $3 + $4 + $6 + $8; if (used > peak) peak = used }
    END { printf "dist.peakHeapUsedMB=%.1f\n", peak / 1024 }' >> "$OUT/results.properties"
grep -E '^ *[0-9]' "$OUT/jstat.txt" | awk '{ cap = $1 + $2 + $5 + $7; if (cap > peak) peak = cap }
    END { printf "dist.peakHeapCommittedMB=%.1f\n", peak / 1024 }' >> "$OUT/results.properties"
RSS=$(grep VmHWM "/proc/$PID/status" | awk '{print $2}')
echo "dist.peakRssMB=$((RSS / 1024))" >> "$OUT/results.properties"
SESSION=$(grep '^session=' "$OUT/results.properties" | cut -d= -f2)
curl -sf -u "admin:$P" "http://127.0.0.1:$PORT/api/v1/exchange1c/sessions/$SESSION" > "$OUT/exchange-log.json"
stop_dist

# the yardsticks run with the Derby storage settings the distribution ships (bin/setenv)
DERBY_OPTS=$(grep -o -- '-Dderby\.storage\.[^ "]*' "$DIST/bin/setenv" | tr '\n' ' ')
YARDSTICK=("$JAVA" -Xmx256m $DERBY_OPTS -cp "$WORK/classes:$DERBY_CP" Exchange1cBench)
echo "yardstick.derbyOptions=$DERBY_OPTS" >> "$OUT/results.properties"
log "raw Derby: $N rows in batches of $RAW_BATCH, $RAW_REPEAT runs (same disk)"
"${YARDSTICK[@]}" raw --dir "$WORK/rawderby" --rows "$N" --batch "$RAW_BATCH" --repeat "$RAW_REPEAT" \
    --out "$OUT/results.properties"
log "the import's rows with plain JDBC: $N products, $RAW_REPEAT runs (same disk)"
"${YARDSTICK[@]}" rowset --dir "$WORK/rowset" --products "$N" --repeat "$RAW_REPEAT" --out "$OUT/results.properties"
for parts in ${PARTS//;/ }; do
    log "only $parts of the import's rows with plain JDBC"
    "${YARDSTICK[@]}" rowset --dir "$WORK/rowset" --products "$N" --repeat "$RAW_REPEAT" --parts "$parts" \
        --out "$OUT/results.properties"
done
echo "run.loadavgEnd=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/results.properties"

# summary
get() { grep "^$1=" "$OUT/results.properties" | tail -1 | cut -d= -f2 || true; }
CATALOG=$(get import.xml.importSeconds)
OFFERS=$(get offers.xml.importSeconds)
OFFERS=${OFFERS:-0}
RAW=$(get raw.rowsPerSecond)
ROWSET=$(get rowset.productsPerSecond)
{
    echo "1C exchange benchmark, $N products with offers ($(date -Is))"
    awk -v n="$N" -v c="$CATALOG" -v o="$OFFERS" -v raw="$RAW" -v heap="$(get dist.peakHeapUsedMB)" \
        -v committed="$(get dist.peakHeapCommittedMB)" -v rowset="$ROWSET" \
        -v cap="$(get dist.heapOptions)" 'BEGIN {
        printf "  catalog import   %8.1f s  %8.0f products/s\n", c, n / c
        if (o > 0) {
            printf "  offers import    %8.1f s  %8.0f offers/s\n", o, n / o
            printf "  catalog+offers   %8.1f s  %8.0f products/s (whole package)\n", c + o, n / (c + o)
        }
        printf "  raw Derby batch (median)    %8.0f rows/s\n", raw
        printf "  the import'"'"'s rows, plain JDBC %6.0f products/s\n", rowset
        printf "  ratio catalog / raw         %8.3f  (target >= 0.25)\n", (n / c) / raw
        if (o > 0) printf "  ratio package / raw         %8.3f\n", (n / (c + o)) / raw
        printf "  ratio catalog / own rows    %8.3f  (what the import costs above writing its rows)\n", (n / c) / rowset
        printf "  peak heap committed         %8.1f MB\n", committed
        printf "  peak heap used (1 s samples) %7.1f MB (target <= 256; heap options: %s)\n", heap, cap
    }'
    for parts in ${PARTS//;/ }; do
        key="rowset.${parts//,/+}.productsPerSecond"
        awk -v parts="$parts" -v rate="$(get "$key")" -v raw="$RAW" 'BEGIN {
            printf "  only %-22s %6.0f products/s = %.3f of raw (plain JDBC, no import around it)\n", parts, rate, rate / raw
        }'
    done
    echo "  progress replies: catalog $(get import.xml.progressReplies), offers $(get offers.xml.progressReplies);" \
        "longest request $(get import.xml.longestRequestMillis) / $(get offers.xml.longestRequestMillis) ms"
} | tee "$OUT/summary.txt"
