"""Shared pieces of the grpcio interop peers: protos, flags, compression detection, case runner.

Only Debian packages are needed (python3-grpcio, python3-protobuf, protobuf-compiler, grpc-proto):
message classes are built at start-up from a descriptor set that protoc compiles from the standard
protos, and calls go through grpcio's generic multi-callables instead of generated stubs.
"""

import gzip
import os
import subprocess
import sys
import tempfile
import traceback
import zlib
from collections import namedtuple

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

PROTO_DIR = os.environ.get("GRPC_PROTO_DIR", "/usr/share/grpc-proto")
PROTOC = os.environ.get("PROTOC", "protoc")
TEST_SERVICE = "grpc.testing.TestService"
UNIMPLEMENTED_SERVICE = "grpc.testing.UnimplementedService"
ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"

# C-core's own per-message decompression is switched off on the peers that must see whether a
# message arrived compressed (grpcio hides the compressed flag and the grpc-encoding header); the
# peer then receives the wire bytes of compressed messages and inflates them itself, see inbound().
NO_DECOMPRESSION_OPTION = ("grpc.per_message_decompression", 0)

Inbound = namedtuple("Inbound", ["message", "compressed"])


class Messages:
    """The grpc.testing message classes, built from a protoc descriptor set."""

    def __init__(self):
        pool = descriptor_pool.DescriptorPool()
        for file_proto in _compile_descriptor_set("grpc/testing/test.proto").file:
            pool.Add(file_proto)
        # GetMessageClass replaces MessageFactory.GetPrototype from protobuf 4.22 on.
        get_class = getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
        for name in (
            "Empty",
            "Payload",
            "EchoStatus",
            "BoolValue",
            "SimpleRequest",
            "SimpleResponse",
            "StreamingInputCallRequest",
            "StreamingInputCallResponse",
            "ResponseParameters",
            "StreamingOutputCallRequest",
            "StreamingOutputCallResponse",
        ):
            descriptor = pool.FindMessageTypeByName("grpc.testing." + name)
            setattr(self, name, get_class(descriptor))


def _compile_descriptor_set(proto_file):
    with tempfile.TemporaryDirectory(prefix="interop-protos-") as tmp:
        out = os.path.join(tmp, "descriptors.pb")
        subprocess.run(
            [PROTOC, "-I" + PROTO_DIR, "--include_imports", "--descriptor_set_out=" + out, proto_file],
            check=True,
            timeout=60,
        )
        with open(out, "rb") as handle:
            return descriptor_pb2.FileDescriptorSet.FromString(handle.read())


def serialize(message):
    return message.SerializeToString()


def inflate(data):
    """Returns (plain bytes, whether data was a compressed message).

    With per-message decompression off, C-core hands over a compressed message as the gzip or
    zlib ("deflate" in gRPC) stream itself. Those are told apart from a plain protobuf by their
    first byte: a gzip member starts 0x1f, which is no valid protobuf tag (wire type 7), and a zlib
    stream with a 32K window starts 0x78, the tag of field 15, while every grpc.testing message
    has field numbers up to 12 and protobuf writers emit known fields in field-number order.
    """
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data), True
    if len(data) >= 2 and data[0] == 0x78 and ((data[0] << 8) | data[1]) % 31 == 0:
        return zlib.decompress(data), True
    return data, False


def inbound(message_class):
    """A deserializer for peers without C-core decompression that keeps the compressed flag."""

    def deserialize(data):
        plain, compressed = inflate(data)
        return Inbound(message_class.FromString(plain), compressed)

    return deserialize


def parse_flags(argv, known):
    """Parses --name=value flags; unknown or malformed flags end the process with exit code 2."""
    values = {}
    for arg in argv:
        name, sep, value = arg.partition("=")
        if not name.startswith("--") or not sep or name[2:] not in known:
            sys.stderr.write("unknown or malformed flag %r; known: %s\n" % (arg, ", ".join(sorted(known))))
            sys.exit(2)
        values[name[2:]] = value
    return values


class CaseFailure(Exception):
    pass


def check(condition, reason):
    if not condition:
        raise CaseFailure(reason)


def run_cases(table, requested, *args):
    """Runs the named cases in order, prints PASS/FAIL per case and returns the exit code."""
    names = list(table) if requested == "all" else [n.strip() for n in requested.split(",") if n.strip()]
    unknown = [n for n in names if n not in table]
    if unknown or not names:
        sys.stderr.write("unknown test case(s) %s; known: %s\n" % (unknown, ", ".join(table)))
        return 2
    failed = 0
    for name in names:
        try:
            table[name](*args)
            print("PASS %s" % name, flush=True)
        except CaseFailure as failure:
            failed += 1
            print("FAIL %s: %s" % (name, failure), flush=True)
        except Exception as error:  # a crash inside a case is that case's failure, not the run's
            failed += 1
            if callable(getattr(error, "code", None)) and callable(getattr(error, "details", None)):
                reason = "RPC ended with %s: %r" % (error.code(), error.details())
            else:
                reason = "%s: %s" % (type(error).__name__, error)
            print("FAIL %s: %s" % (name, reason.replace("\n", " ")), flush=True)
            traceback.print_exc(file=sys.stderr)
    print("%d passed, %d failed" % (len(names) - failed, failed), flush=True)
    return 0 if failed == 0 else 1
