"""grpcio (C-core) interop server: grpc.testing.TestService as doc/interop-test-descriptions.md describes.

Usage: /usr/bin/python3 interop_server.py --port=N   (N=0 picks a free port)
Prints "listening on 127.0.0.1:N" once bound; SIGTERM or SIGINT stops it with exit code 0.
UnimplementedCall and grpc.testing.UnimplementedService are deliberately not registered, so C-core
answers them with UNIMPLEMENTED.
"""

import signal
import sys
import threading
import time
from concurrent import futures

import grpc

from interop_common import (
    ECHO_INITIAL_KEY,
    ECHO_TRAILING_KEY,
    NO_DECOMPRESSION_OPTION,
    TEST_SERVICE,
    Messages,
    inbound,
    parse_flags,
    serialize,
)

STATUS_BY_CODE = {status.value[0]: status for status in grpc.StatusCode}
SHUTDOWN_GRACE_SECONDS = 2
SHUTDOWN_TIMEOUT_SECONDS = 10


def _wants(bool_value_holder, field):
    return bool_value_holder.HasField(field) and getattr(bool_value_holder, field).value


def _echo_metadata(context):
    """Echo Metadata feature: must run after any set_compression, which rides on initial metadata."""
    for key, value in context.invocation_metadata():
        if key == ECHO_INITIAL_KEY:
            context.send_initial_metadata(((key, value),))
        elif key == ECHO_TRAILING_KEY:
            context.set_trailing_metadata(((key, value),))


def _fail_if_status_requested(request, context):
    """Echo Status feature: end the call with the requested status (raises via abort)."""
    if not request.HasField("response_status") or request.response_status.code == 0:
        return
    status = STATUS_BY_CODE.get(request.response_status.code)
    if status is None:
        context.abort(grpc.StatusCode.UNKNOWN, request.response_status.message)
    context.abort(status, request.response_status.message)


def _require_compression(request, compressed, context):
    """CompressedRequest feature: expect_compressed=true on an uncompressed message is INVALID_ARGUMENT."""
    if _wants(request, "expect_compressed") and not compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "expected a compressed request message")


class TestService:
    def __init__(self, messages):
        self._m = messages

    def _payload(self, size):
        return self._m.Payload(type=0, body=b"\x00" * size)

    def empty_call(self, request, context):
        _echo_metadata(context)
        return self._m.Empty()

    def unary_call(self, request, context):
        message = request.message
        if _wants(message, "response_compressed"):
            context.set_compression(grpc.Compression.Gzip)
        _echo_metadata(context)
        _require_compression(message, request.compressed, context)
        _fail_if_status_requested(message, context)
        return self._m.SimpleResponse(payload=self._payload(message.response_size))

    def streaming_output_call(self, request, context):
        message = request.message
        compress = any(_wants(p, "compressed") for p in message.response_parameters)
        if compress:
            context.set_compression(grpc.Compression.Gzip)
        _echo_metadata(context)
        _fail_if_status_requested(message, context)
        yield from self._respond(message, compress, context)

    def streaming_input_call(self, request_iterator, context):
        _echo_metadata(context)
        aggregated = 0
        for request in request_iterator:
            _require_compression(request.message, request.compressed, context)
            aggregated += len(request.message.payload.body)
        return self._m.StreamingInputCallResponse(aggregated_payload_size=aggregated)

    def full_duplex_call(self, request_iterator, context):
        yield from self._duplex(request_iterator, context)

    def half_duplex_call(self, request_iterator, context):
        # Buffer every request until the client half-closes, then answer them in order.
        yield from self._duplex(list(request_iterator), context)

    def _duplex(self, requests, context):
        started = False
        compress = False
        for request in requests:
            message = request.message
            if not started:
                # Compression is chosen before initial metadata goes out, hence from the first
                # request: a later request asking for compressed responses on a call that started
                # uncompressed gets them uncompressed.
                compress = any(_wants(p, "compressed") for p in message.response_parameters)
                if compress:
                    context.set_compression(grpc.Compression.Gzip)
                _echo_metadata(context)
                started = True
            _fail_if_status_requested(message, context)
            yield from self._respond(message, compress, context)
        if not started:
            _echo_metadata(context)

    def _respond(self, message, compressed_call, context):
        for parameters in message.response_parameters:
            if parameters.interval_us > 0:
                # interval_us is a delay the spec asks the server to insert before this response.
                time.sleep(parameters.interval_us / 1_000_000)
            if not context.is_active():
                return
            if compressed_call and not _wants(parameters, "compressed"):
                context.disable_next_message_compression()
            yield self._m.StreamingOutputCallResponse(payload=self._payload(parameters.size))


def _test_service_handler(service, m):
    def unary_unary(behaviour, request_class):
        return grpc.unary_unary_rpc_method_handler(
            behaviour, request_deserializer=inbound(request_class), response_serializer=serialize
        )

    def unary_stream(behaviour, request_class):
        return grpc.unary_stream_rpc_method_handler(
            behaviour, request_deserializer=inbound(request_class), response_serializer=serialize
        )

    def stream_unary(behaviour, request_class):
        return grpc.stream_unary_rpc_method_handler(
            behaviour, request_deserializer=inbound(request_class), response_serializer=serialize
        )

    def stream_stream(behaviour, request_class):
        return grpc.stream_stream_rpc_method_handler(
            behaviour, request_deserializer=inbound(request_class), response_serializer=serialize
        )

    return grpc.method_handlers_generic_handler(
        TEST_SERVICE,
        {
            "EmptyCall": unary_unary(service.empty_call, m.Empty),
            "UnaryCall": unary_unary(service.unary_call, m.SimpleRequest),
            "StreamingOutputCall": unary_stream(service.streaming_output_call, m.StreamingOutputCallRequest),
            "StreamingInputCall": stream_unary(service.streaming_input_call, m.StreamingInputCallRequest),
            "FullDuplexCall": stream_stream(service.full_duplex_call, m.StreamingOutputCallRequest),
            "HalfDuplexCall": stream_stream(service.half_duplex_call, m.StreamingOutputCallRequest),
        },
    )


def main(argv):
    flags = parse_flags(argv, {"port", "use_tls"})
    if flags.get("use_tls", "false") != "false":
        sys.stderr.write("--use_tls=true is not supported: these peers speak h2c on loopback only\n")
        return 2
    if "port" not in flags:
        sys.stderr.write("--port=N is required\n")
        return 2

    messages = Messages()
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=32),
        handlers=[_test_service_handler(TestService(messages), messages)],
        options=[NO_DECOMPRESSION_OPTION],
    )
    port = server.add_insecure_port("127.0.0.1:%d" % int(flags["port"]))
    if port == 0:
        sys.stderr.write("could not bind 127.0.0.1:%s\n" % flags["port"])
        return 1

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start()
    print("listening on 127.0.0.1:%d" % port, flush=True)
    stop.wait()
    if not server.stop(SHUTDOWN_GRACE_SECONDS).wait(SHUTDOWN_TIMEOUT_SECONDS):
        sys.stderr.write("server did not stop within %d s\n" % SHUTDOWN_TIMEOUT_SECONDS)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
