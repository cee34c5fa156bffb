#!/usr/bin/env bash
# Tessera warehouse benchmark (issue 6): posting 10-line documents at c=1 and c=4 and the stock query at
# 1M movements, with the plugin's real components on embedded Derby on disk, against raw JDBC on the same
# database in the same run. See bench/README.md ("Warehouse").
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"

PRODUCTS=${PRODUCTS:-1000}       # catalog products the documents' lines pick from
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-20}
MOVEMENTS=${MOVEMENTS:-1000000}  # movements in the ledger for the stock query
QUERIES=${QUERIES:-20000}        # timed availability reads (as-of reads: a quarter of it)
HEAP=${HEAP:-512m}

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$HERE/results/warehouse-$STAMP"
WORK="$HERE/work/warehouse"
mkdir -p "$OUT" "$HERE/work"
log() { printf '[warehouse-bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

CLASSES="$ROOT/plugins/tessera-warehouse/target/classes"
if [ ! -d "$CLASSES/org/tesseracrm/plugin/warehouse" ]; then
    log "building (mvn -o -q install -Dmaven.test.skip=true)"
    (cd "$ROOT" && mvn -o -q install -Dmaven.test.skip=true)
fi
CP_FILE="$HERE/work/warehouse-classpath.txt"
log "resolving the plugin's test classpath"
(cd "$ROOT" && mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -pl plugins/tessera-warehouse -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE")
# HikariCP, as the distribution pools connections with it: from the same local repository as Derby
DERBY_JAR=$(tr ':' '\n' < "$CP_FILE" | grep '/org/apache/derby/derby/' | head -1)
REPO=${DERBY_JAR%%/org/apache/derby/*}
HIKARI_VERSION=$(sed -n 's:.*<hikari.version>\(.*\)</hikari.version>.*:\1:p' "$ROOT/pom.xml")
HIKARI="$REPO/com/zaxxer/HikariCP/$HIKARI_VERSION/HikariCP-$HIKARI_VERSION.jar"
[ -f "$HIKARI" ] || { log "missing $HIKARI: run mvn -o -q install -Dmaven.test.skip=true first"; exit 1; }
CP="$CLASSES:$HIKARI:$(cat "$CP_FILE")"

log "running: products=$PRODUCTS seconds=$SECONDS_PER_PHASE movements=$MOVEMENTS queries=$QUERIES heap=$HEAP"
"$JAVA" -Xmx"$HEAP" -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dproducts="$PRODUCTS" \
    -Dseconds="$SECONDS_PER_PHASE" -Dmovements="$MOVEMENTS" -Dqueries="$QUERIES" \
    "$HERE/WarehouseBench.java" "$WORK" | tee "$OUT/output.txt"
grep '=' "$OUT/output.txt" > "$OUT/results.properties" || true
sed -n '/^== warehouse benchmark/,$p' "$OUT/output.txt" > "$OUT/summary.txt"
ln -sfn "warehouse-$STAMP" "$HERE/results/warehouse-latest"
log "results in $OUT"
