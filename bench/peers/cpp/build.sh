#!/usr/bin/env bash
# Builds the C++ benchmark peers into bench/peers/cpp/build/ (git-ignored):
#   build/bin/greeter_server   synchronous grpc++ server (Greeter + BenchmarkService)
#   build/bin/bench_client     neutral client (check, stream)
# Only what is out of date is rebuilt, so run.sh can call this every time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proto_root="${GRPC_PROTO_ROOT:-/usr/share/grpc-proto}"
build="$here/build"
gen="$build/gen"
obj="$build/obj"
bin="$build/bin"
protos=(grpc/examples/helloworld.proto grpc/testing/messages.proto grpc/testing/benchmark_service.proto)

for tool in protoc grpc_cpp_plugin pkg-config g++; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install protobuf-compiler protobuf-compiler-grpc libgrpc++-dev g++ pkg-config)" >&2; exit 1; }
done
for proto in "${protos[@]}"; do
  [[ -f "$proto_root/$proto" ]] || { echo "build.sh: $proto_root/$proto not found (apt-get install grpc-proto)" >&2; exit 1; }
done

read -r -a cflags <<<"$(pkg-config --cflags grpc++ protobuf)"
read -r -a libs <<<"$(pkg-config --libs grpc++ protobuf)"
cxx=(g++ -std=c++17 -O2 -Wall -Wextra -I"$gen" -I"$here" "${cflags[@]}")

# True when $1 is missing or older than any of the following files.
stale() {
  local target="$1"
  shift
  [[ -e "$target" ]] || return 0
  local dep
  for dep in "$@"; do
    [[ "$dep" -nt "$target" ]] && return 0
  done
  return 1
}

mkdir -p "$gen" "$obj" "$bin"

generated_sources=()
for proto in "${protos[@]}"; do
  stem="${proto%.proto}"
  outputs=("$gen/$stem.pb.cc" "$gen/$stem.pb.h")
  plugin_args=()
  # messages.proto declares no service, so it gets no .grpc.pb files.
  if grep -q '^service ' "$proto_root/$proto"; then
    outputs+=("$gen/$stem.grpc.pb.cc" "$gen/$stem.grpc.pb.h")
    plugin_args=(--grpc_out="$gen" --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)")
  fi
  if stale "${outputs[0]}" "$proto_root/$proto" "$0" || stale "${outputs[-1]}" "$proto_root/$proto"; then
    echo "protoc $proto"
    protoc -I"$proto_root" --cpp_out="$gen" "${plugin_args[@]}" "$proto_root/$proto"
  fi
  for output in "${outputs[@]}"; do
    [[ "$output" == *.cc ]] && generated_sources+=("$output")
  done
done
generated_headers=("$gen"/grpc/*/*.h)

objects=()
compile() {
  local source="$1"
  shift
  local object="$obj/$(basename "${source%.cc}").o"
  if stale "$object" "$source" "$@"; then
    echo "g++ $(basename "$source")"
    "${cxx[@]}" -c "$source" -o "$object"
  fi
  objects+=("$object")
}

for source in "${generated_sources[@]}"; do
  compile "$source" "${generated_headers[@]}"
done
generated_objects=("${objects[@]}")

link() {
  local name="$1"
  objects=()
  compile "$here/$name.cc" "$here/args.h" "${generated_headers[@]}"
  if stale "$bin/$name" "${objects[@]}" "${generated_objects[@]}"; then
    echo "link $name"
    "${cxx[@]}" -o "$bin/$name" "${objects[@]}" "${generated_objects[@]}" "${libs[@]}"
  fi
}

link greeter_server
link bench_client
echo "C++ peers: $bin/greeter_server $bin/bench_client"
