#!/usr/bin/env bash
# Diagnosis after a benchmark run (the distribution is stopped by then): copies the run's Derby database
# and times the contact list / count / search SQL on the copy, with Derby's plans. Not part of run.sh.
# Usage: bench/probe.sh [search prefix ...]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
NAME=tessera-karaf-assembly-1.0.0-SNAPSHOT
DIST="$HERE/work/dist/$NAME"
DB="$DIST/data/tessera/derby"
[ -d "$DB" ] || { echo "no database at $DB: run bench/run.sh first" >&2; exit 1; }
for p in $(pgrep -f -- "$DIST" 2>/dev/null || true); do
    if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ]; then
        echo "the distribution in $DIST is running (pid $p); stop it first" >&2
        exit 1
    fi
done
REPO="${MAVEN_REPO:-$HOME/.m2/repository}/org/apache/derby"
CP="$REPO/derby/10.16.1.1/derby-10.16.1.1.jar:$REPO/derbyshared/10.16.1.1/derbyshared-10.16.1.1.jar:$REPO/derbytools/10.16.1.1/derbytools-10.16.1.1.jar"
COPY="$HERE/work/probe-db"
rm -rf "$COPY"
cp -r "$DB" "$COPY"
mkdir -p "$HERE/work/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$HERE/work/classes" -cp "$CP" "$HERE/DerbyQueryProbe.java"
"$JAVA_HOME/bin/java" -Dderby.stream.error.file="$HERE/work/probe-derby.log" -cp "$HERE/work/classes:$CP" \
    DerbyQueryProbe "$COPY" "$@"
