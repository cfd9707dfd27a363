#!/usr/bin/env bash
# Side-by-side gRPC benchmark: the project's runtime (C# greeter on Kestrel), C++ grpc++
# (sync) and grpc-js, measured in one run with the same load generator and CPU pinning.
# See bench/grpc/README.md. Every knob below can be set from the environment.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

SERVERS="${SERVERS:-cpp node csharp}"
PORT_BASE="${PORT_BASE:-50251}"
H2LOAD_ARGS="${H2LOAD_ARGS:--n 300000 -c50 -m10 -t1}"
H2LOAD_WARMUP_ARGS="${H2LOAD_WARMUP_ARGS:--n 30000 -c50 -m10 -t1}"
STREAM_SIZE="${STREAM_SIZE:-200}"
STREAM_SECONDS="${STREAM_SECONDS:-5}"
CSHARP_CLIENT_CONCURRENCY="${CSHARP_CLIENT_CONCURRENCY:-50}"
CSHARP_CLIENT_SECONDS="${CSHARP_CLIENT_SECONDS:-10}"
READY_TRIES="${READY_TRIES:-150}"
GRPC_PROTO_ROOT="${GRPC_PROTO_ROOT:-/usr/share/grpc-proto}"
# Servers share one CPU and every load generator another, so no server can borrow the
# client's core and all three meet the same conditions.
if [[ "$(nproc)" -ge 2 ]]; then
  SERVER_CPUS="${SERVER_CPUS:-1}"
  LOAD_CPUS="${LOAD_CPUS:-0}"
else
  SERVER_CPUS="${SERVER_CPUS:-0}"
  LOAD_CPUS="${LOAD_CPUS:-0}"
fi

cpp_dir="$repo/bench/peers/cpp"
node_dir="$repo/bench/peers/node"
csharp_project="$repo/bench/FederatedPlatform.Bench.Greeter"
csharp_dll="$csharp_project/bin/Release/net10.0/FederatedPlatform.Bench.Greeter.dll"
bench_client="$cpp_dir/build/bin/bench_client"

die() {
  echo "run.sh: ERROR: $*" >&2
  exit 1
}

section() {
  printf '\n=== %s ===\n' "$*"
}

label() {
  case "$1" in
    cpp) echo "C++ grpc++ $(pkg-config --modversion grpc++) (sync)" ;;
    node) echo "grpc-js $(node -p 'require(process.argv[1]).version' "$node_dir/node_modules/@grpc/grpc-js/package.json")" ;;
    csharp) echo "FederatedPlatform.Grpc (Kestrel)" ;;
  esac
}

# --- arguments and tools ------------------------------------------------------------------

read -r -a servers <<<"$SERVERS"
[[ ${#servers[@]} -gt 0 ]] || die "SERVERS is empty"
for name in "${servers[@]}"; do
  case "$name" in
    cpp | node | csharp) ;;
    *) die "unknown server '$name' in SERVERS (known: cpp node csharp)" ;;
  esac
done
has() {
  local name
  for name in "${servers[@]}"; do
    [[ "$name" == "$1" ]] && return 0
  done
  return 1
}

read -r -a h2load_args <<<"$H2LOAD_ARGS"
read -r -a h2load_warmup_args <<<"$H2LOAD_WARMUP_ARGS"
for tool in h2load taskset protoc pkg-config; do
  command -v "$tool" >/dev/null || die "$tool not found (see bench/grpc/README.md for the packages)"
done
has node && { command -v node >/dev/null && command -v npm >/dev/null || die "node/npm not found"; }
has csharp && { command -v dotnet >/dev/null || die "dotnet not found"; }

# --- processes and cleanup ------------------------------------------------------------------

work="$(mktemp -d "${TMPDIR:-/tmp}/fedplat-grpc-bench.XXXXXX")"
declare -A pids=() ports=()
failures=0

stop_servers() {
  local name pid tries
  for name in "${!pids[@]}"; do
    pid="${pids[$name]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for ((tries = 0; tries < 50; tries++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: $name (pid $pid) ignored SIGTERM for 5 s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  local status=$?
  stop_servers
  rm -rf "$work"
  if [[ $status -ne 0 ]]; then
    echo "run.sh: FAILED (exit $status); servers stopped" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log() {
  echo "--- last lines of $1's log ---" >&2
  tail -n 30 "$work/$1.log" >&2 || true
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_server() {
  local name="$1" port="$2"
  local command=()
  case "$name" in
    cpp) command=("$cpp_dir/build/bin/greeter_server" --port "$port") ;;
    node) command=(node "$node_dir/greeter_server.js" "--port=$port") ;;
    csharp) command=(dotnet "$csharp_dll" --port "$port") ;;
  esac
  port_in_use "$port" && die "port $port (for $name) is already taken by another process; set PORT_BASE"
  GRPC_PROTO_ROOT="$GRPC_PROTO_ROOT" taskset -c "$SERVER_CPUS" "${command[@]}" >"$work/$name.log" 2>&1 &
  pids[$name]=$!
  ports[$name]="$port"
  echo "started $name (pid ${pids[$name]}, CPU $SERVER_CPUS): ${command[*]}"
}

wait_ready() {
  local name="$1" try
  for ((try = 1; try <= READY_TRIES; try++)); do
    if ! kill -0 "${pids[$name]}" 2>/dev/null; then
      show_log "$name"
      die "$name exited before accepting calls"
    fi
    if "$bench_client" check --target "127.0.0.1:${ports[$name]}" --timeout-ms 1000 >/dev/null 2>&1; then
      echo "$name accepts calls on 127.0.0.1:${ports[$name]} (after $try tries)"
      return 0
    fi
    sleep 0.2
  done
  show_log "$name"
  die "$name did not accept calls on 127.0.0.1:${ports[$name]} after $READY_TRIES tries"
}

verify() {
  local name="$1"
  if ! "$bench_client" check --target "127.0.0.1:${ports[$name]}"; then
    show_log "$name"
    die "$name failed the SayHello check (needs grpc-status 0 and reply \"Hello world\")"
  fi
}

# --- build ------------------------------------------------------------------------------

section "build"
"$cpp_dir/build.sh"
if has node; then
  # npm ci wipes node_modules, so only run it when the lock file changed since the last install.
  if [[ ! -f "$node_dir/node_modules/.package-lock.json" || "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]]; then
    (cd "$node_dir" && npm ci --no-audit --no-fund)
  fi
  echo "grpc-js peer: $node_dir"
fi
if has csharp; then
  [[ -d "$csharp_project" ]] || die "$csharp_project does not exist; run with SERVERS=\"cpp node\" until it does"
  dotnet build -c Release --nologo -v q "$csharp_project"
  [[ -f "$csharp_dll" ]] || die "dotnet build did not produce $csharp_dll"
fi

# A gRPC request is a 5-byte prefix (compressed flag, big-endian length) and the message.
body="$work/hello-world.grpc"
printf 'name: "world"' |
  protoc --encode=helloworld.HelloRequest -I"$GRPC_PROTO_ROOT" "$GRPC_PROTO_ROOT/grpc/examples/helloworld.proto" >"$work/hello-world.pb"
length=$(stat -c %s "$work/hello-world.pb")
printf "\\x00\\x$(printf %02x $((length >> 24 & 255)))\\x$(printf %02x $((length >> 16 & 255)))\\x$(printf %02x $((length >> 8 & 255)))\\x$(printf %02x $((length & 255)))" >"$body"
cat "$work/hello-world.pb" >>"$body"

# --- start and verify -------------------------------------------------------------------

section "servers"
index=0
for name in "${servers[@]}"; do
  start_server "$name" $((PORT_BASE + index))
  index=$((index + 1))
done
for name in "${servers[@]}"; do
  wait_ready "$name"
done
for name in "${servers[@]}"; do
  verify "$name"
done

# --- unary: h2load ------------------------------------------------------------------------

h2load_flags=(-d "$body" -H "content-type: application/grpc" -H "te: trailers")
h2load_line="taskset -c $LOAD_CPUS h2load ${h2load_args[*]} -d <HelloRequest{name:\"world\"} with 5-byte prefix> -H 'content-type: application/grpc' -H 'te: trailers' http://127.0.0.1:PORT/helloworld.Greeter/SayHello"
declare -A unary=() unary_note=() stream=() stream_mbps=()

for name in "${servers[@]}"; do
  section "unary: $(label "$name")"
  url="http://127.0.0.1:${ports[$name]}/helloworld.Greeter/SayHello"
  echo "warm-up: h2load ${h2load_warmup_args[*]}"
  taskset -c "$LOAD_CPUS" h2load "${h2load_warmup_args[@]}" "${h2load_flags[@]}" "$url" >"$work/$name.warmup.txt" 2>&1 ||
    { cat "$work/$name.warmup.txt"; die "h2load warm-up against $name failed"; }
  taskset -c "$LOAD_CPUS" h2load "${h2load_args[@]}" "${h2load_flags[@]}" "$url" >"$work/$name.h2load.txt" 2>&1 ||
    { cat "$work/$name.h2load.txt"; die "h2load against $name failed"; }
  grep -v '^progress:' "$work/$name.h2load.txt" || true

  # "finished in 10.52s, 28512.34 req/s, 2.10MB/s"
  rate=$(awk '/^finished in/ { for (i = 1; i <= NF; i++) if ($(i + 1) == "req/s,") print $i }' "$work/$name.h2load.txt")
  # "requests: 300000 total, 300000 started, 300000 done, 300000 succeeded, 0 failed, 0 errored, 0 timeout"
  read -r total succeeded < <(awk '/^requests:/ { print $2, $8 }' "$work/$name.h2load.txt") || true
  [[ -n "$rate" && -n "$total" && -n "$succeeded" ]] || die "cannot parse h2load output for $name"
  unary[$name]="$rate"
  echo "parsed: $rate req/s, $succeeded of $total succeeded"
  if [[ "$succeeded" != "$total" ]]; then
    unary_note[$name]=" ($((total - succeeded)) of $total not succeeded)"
    failures=$((failures + 1))
    echo "run.sh: WARNING: $name: only $succeeded of $total requests succeeded" >&2
  fi
  # h2load cannot see grpc-status; a check after the load shows the server still answers right.
  verify "$name"
done

# --- server streaming: bench_client -------------------------------------------------------

for name in "${servers[@]}"; do
  section "stream: $(label "$name")"
  if taskset -c "$LOAD_CPUS" "$bench_client" stream --target "127.0.0.1:${ports[$name]}" \
    --size "$STREAM_SIZE" --seconds "$STREAM_SECONDS" | tee "$work/$name.stream.txt"; then
    stream[$name]=$(awk '/^messages\/s:/ { print $2 }' "$work/$name.stream.txt")
    stream_mbps[$name]=$(awk '/^MB\/s:/ { print $2 }' "$work/$name.stream.txt")
  else
    failures=$((failures + 1))
    echo "run.sh: WARNING: streaming against $name failed" >&2
  fi
done

# --- the project's client against the project's server -----------------------------------

csharp_client_output=""
if has csharp; then
  section "C# client -> C# server (unary, $CSHARP_CLIENT_CONCURRENCY concurrent, ${CSHARP_CLIENT_SECONDS} s)"
  # Bounded, in case the greeter does not know the client command and just keeps serving.
  set +e
  csharp_client_output=$(timeout $((CSHARP_CLIENT_SECONDS + 60)) taskset -c "$LOAD_CPUS" dotnet "$csharp_dll" client \
    --target "127.0.0.1:${ports[csharp]}" --concurrency "$CSHARP_CLIENT_CONCURRENCY" --seconds "$CSHARP_CLIENT_SECONDS" 2>&1)
  client_status=$?
  set -e
  echo "$csharp_client_output"
  if [[ $client_status -ne 0 ]]; then
    echo "run.sh: WARNING: the C# greeter's client mode exited with $client_status" >&2
    csharp_client_output="(client mode failed, exit $client_status)"
  fi
fi

# --- report --------------------------------------------------------------------------------

ratio() {
  local value="$1" base="$2"
  if [[ -z "$value" || -z "$base" ]]; then
    echo "n/a"
  else
    awk -v v="$value" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f×", v / b; else print "n/a" }'
  fi
}

section "results"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo);" \
    "servers on CPU $SERVER_CPUS, load generators on CPU $LOAD_CPUS."
  echo
  echo "| server | unary req/s | vs C++ | stream msgs/s (${STREAM_SIZE} B) | vs C++ |"
  echo "|---|---:|---:|---:|---:|"
  for name in "${servers[@]}"; do
    u="${unary[$name]:-}"
    s="${stream[$name]:-}"
    printf '| %s | %s%s | %s | %s | %s |\n' "$(label "$name")" \
      "$(printf '%.0f' "${u:-0}")" "${unary_note[$name]:-}" "$(ratio "$u" "${unary[cpp]:-}")" \
      "${s:-failed}" "$(ratio "$s" "${stream[cpp]:-}")"
  done
  echo
  echo "Unary: \`$h2load_line\` (after a warm-up run with \`${h2load_warmup_args[*]}\`)."
  echo "Streaming: \`taskset -c $LOAD_CPUS bench/peers/cpp/build/bin/bench_client stream --target 127.0.0.1:PORT --size $STREAM_SIZE --seconds $STREAM_SECONDS\`" \
    "(one StreamingFromServer call, 1 s warm-up)."
  if has csharp; then
    echo
    echo "C# client -> C# server (\`dotnet FederatedPlatform.Bench.Greeter.dll client --concurrency $CSHARP_CLIENT_CONCURRENCY --seconds $CSHARP_CLIENT_SECONDS\`):"
    echo
    echo '```'
    echo "$csharp_client_output"
    echo '```'
  fi
} | tee "$work/results.md"
if [[ -n "${RESULTS_FILE:-}" ]]; then
  cp "$work/results.md" "$RESULTS_FILE"
  echo "results written to $RESULTS_FILE"
fi

[[ $failures -eq 0 ]] || die "$failures measurement(s) failed; see the warnings above"
