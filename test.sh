#!/usr/bin/env bash
# Installs (when missing) and starts what the tests need — PostgreSQL, an S3-compatible server
# (s3rver), headless Chromium — on 127.0.0.1 with free ports, then runs `dotnet test`.
# Runs as root without prompts; safe to run twice (every run uses a fresh state folder and
# stops its servers on exit). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "test.sh: $*" >&2; }

# ---- packages -------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# The server publishes as a Native AOT image: clang links it (with zlib).
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
fi

TOOLS="$ROOT/.tools"
if [ ! -x "$TOOLS/node_modules/.bin/s3rver" ]; then
  log "installing s3rver (S3-compatible server) into .tools"
  mkdir -p "$TOOLS"
  npm install --no-audit --no-fund --silent --prefix "$TOOLS" s3rver@3.7.1 >/dev/null
fi

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# ---- services -------------------------------------------------------------------------------
STATE=$(mktemp -d /tmp/llmstxt-test.XXXXXX)
chmod 755 "$STATE"
PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")
PG_PORT=$(free_port)
S3_PORT=$(free_port)
S3_PID=""

cleanup() {
  set +e
  [ -n "$S3_PID" ] && kill "$S3_PID" 2>/dev/null
  if [ -f "$STATE/pg/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/pg" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$STATE"
}
trap cleanup EXIT

log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$STATE/pg" "$STATE/pgsock"
chown postgres:postgres "$STATE/pg" "$STATE/pgsock"
echo "llmstxt-test" > "$STATE/pgpass" && chown postgres "$STATE/pgpass"
runuser -u postgres -- "$PG_BIN/initdb" -D "$STATE/pg" -U postgres --auth=scram-sha-256 \
  --pwfile="$STATE/pgpass" -E UTF8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/pg" -w -t 60 -l "$STATE/pgsock/postgres.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $STATE/pgsock -c max_connections=200 -c fsync=off" start >/dev/null

log "starting s3rver on 127.0.0.1:$S3_PORT"
mkdir -p "$STATE/s3"
"$TOOLS/node_modules/.bin/s3rver" --directory "$STATE/s3" --address 127.0.0.1 --port "$S3_PORT" \
  --silent >"$STATE/s3.log" 2>&1 &
S3_PID=$!
for _ in $(seq 1 100); do
  (echo > /dev/tcp/127.0.0.1/"$S3_PORT") 2>/dev/null && break
  sleep 0.1
done

export LLMSTXT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=llmstxt-test;Database=postgres"
export LLMSTXT_TEST_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
export LLMSTXT_TEST_S3_ACCESS_KEY="S3RVER"
export LLMSTXT_TEST_S3_SECRET_KEY="S3RVER"
export LLMSTXT_TEST_CHROMIUM="$(command -v chromium)"

# ---- the server and the tool as deployed: Native AOT images (NativeServerTests, NativeCliTests run them) ----
NATIVE="$TOOLS/native-server"
case "$(uname -m)" in aarch64|arm64) RID=linux-arm64 ;; *) RID=linux-x64 ;; esac
log "publishing the server as a Native AOT image into .tools/native-server"
dotnet publish src/LlmsTxt.Server -c Release -r "$RID" -o "$NATIVE" -v quiet -nologo >"$STATE/publish.log" 2>&1 \
  || { cat "$STATE/publish.log" >&2; log "the Native AOT publish failed"; exit 1; }
export LLMSTXT_TEST_NATIVE_SERVER="$NATIVE/LlmsTxt.Server"
log "publishing the command-line tool as a Native AOT executable into .tools/native-cli"
dotnet publish src/LlmsTxt.Cli -c Release -r "$RID" -o "$TOOLS/native-cli" -v quiet -nologo >"$STATE/publish-cli.log" 2>&1 \
  || { cat "$STATE/publish-cli.log" >&2; log "the Native AOT publish of the tool failed"; exit 1; }
export LLMSTXT_TEST_NATIVE_CLI="$TOOLS/native-cli/llmstxt"

# ---- tests ----------------------------------------------------------------------------------
dotnet test LlmsTxt.slnx "$@"
