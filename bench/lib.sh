# What the benchmarks that run a distribution share (bench/run.sh, bench/exchange1c.sh): sourced, not run.
# The sourcing script sets ROOT, TAR (the distribution's tar.gz), DIST (where its copy is unpacked),
# PORT, START_SECONDS and DIST_JAVA_OPTS first.

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

# Stops the distribution of $DIST when it runs: bin/stop, then TERM, then KILL.
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

# Builds the distribution only when its tar.gz is missing (never 'mvn clean': others may build too).
build_dist_if_missing() {
    [ -f "$TAR" ] && return 0
    log "building the distribution (mvn -o -q install -Dmaven.test.skip=true)"
    for attempt in 1 2 3; do
        if (cd "$ROOT" && mvn -o -q install -Dmaven.test.skip=true); then return 0; fi
        [ $attempt -lt 3 ] || { echo "build failed" >&2; exit 1; }
        log "build failed (attempt $attempt); retrying in 20 s (a concurrent build may have interfered)"
        sleep 20
    done
}

# Stops a distribution left running by an interrupted run, then fails when anything else holds $PORT.
require_free_port() {
    stop_dist
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
        echo "something already listens on 127.0.0.1:$PORT; set PORT to a free port" >&2
        exit 1
    fi
}

# Unpacks a fresh copy of $TAR into the folder $1 (the parent of $DIST). Only that copy is touched, and
# only its SSH console: loopback and the port after $PORT, so it never clashes with another distribution
# on 8101 nor listens on other interfaces.
unpack_dist() {
    rm -rf "$1"
    mkdir -p "$1"
    tar xzf "$TAR" -C "$1"
    sed -i -e "s/^sshHost *=.*/sshHost = 127.0.0.1/" -e "s/^sshPort *=.*/sshPort = $((PORT + 1))/" \
        "$DIST/etc/org.apache.karaf.shell.cfg"
}

# Starts $DIST on 127.0.0.1:$PORT (with $DIST_JAVA_OPTS) and waits, at most $START_SECONDS, until the API
# answers the generated administrator; sets PASSWORD_FILE, P (the password) and PID.
start_dist() {
    log "starting $DIST on 127.0.0.1:$PORT"
    EXTRA_JAVA_OPTS="$DIST_JAVA_OPTS" TESSERA_HTTP_PORT=$PORT "$DIST/bin/start"
    PASSWORD_FILE="$DIST/data/tessera/initial-admin-password"
    local started code
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
    P=$(cat "$PASSWORD_FILE")
    PID=$(dist_pid)
    log "up after $(( $(date +%s) - started )) s, JVM pid ${PID:-?}"
}
