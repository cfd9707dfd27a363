"""grpcio (C-core) interop client: the cases of doc/interop-test-descriptions.md.

Usage: /usr/bin/python3 interop_client.py --server_host=127.0.0.1 --server_port=N --test_case=NAME
NAME is one case, a comma-separated list, or "all". Prints "PASS <case>" or "FAIL <case>: <reason>"
per case and exits 0 only when every requested case passed.
"""

import queue
import sys

import grpc

from interop_common import (
    ECHO_INITIAL_KEY,
    ECHO_TRAILING_KEY,
    NO_DECOMPRESSION_OPTION,
    TEST_SERVICE,
    UNIMPLEMENTED_SERVICE,
    CaseFailure,
    Messages,
    check,
    inbound,
    parse_flags,
    run_cases,
    serialize,
)

# Every call carries a deadline so that a silent server fails the case instead of hanging the run.
CALL_TIMEOUT_SECONDS = 30
LARGE_REQUEST_SIZE = 271828
LARGE_RESPONSE_SIZE = 314159
STREAM_REQUEST_SIZES = (27182, 8, 1828, 45904)
STREAM_RESPONSE_SIZES = (31415, 9, 2653, 58979)
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
INITIAL_METADATA_VALUE = "test_initial_metadata_value"
TRAILING_METADATA_VALUE = b"\xab\xab\xab"


class Stub:
    """Generic multi-callables for grpc.testing.TestService on one channel."""

    def __init__(self, channel, m, response_deserializer=None):
        def deserializer(message_class):
            return response_deserializer(message_class) if response_deserializer else message_class.FromString

        def path(method, service=TEST_SERVICE):
            return "/%s/%s" % (service, method)

        self.empty_call = channel.unary_unary(path("EmptyCall"), serialize, deserializer(m.Empty))
        self.unary_call = channel.unary_unary(path("UnaryCall"), serialize, deserializer(m.SimpleResponse))
        self.streaming_output_call = channel.unary_stream(
            path("StreamingOutputCall"), serialize, deserializer(m.StreamingOutputCallResponse)
        )
        self.streaming_input_call = channel.stream_unary(
            path("StreamingInputCall"), serialize, deserializer(m.StreamingInputCallResponse)
        )
        self.full_duplex_call = channel.stream_stream(
            path("FullDuplexCall"), serialize, deserializer(m.StreamingOutputCallResponse)
        )
        self.unimplemented_call = channel.unary_unary(path("UnimplementedCall"), serialize, deserializer(m.Empty))
        self.unimplemented_service_call = channel.unary_unary(
            path("UnimplementedCall", UNIMPLEMENTED_SERVICE), serialize, deserializer(m.Empty)
        )


class RequestPipe:
    """A request iterator fed by the case; close() half-closes the call."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is RequestPipe._END:
            raise StopIteration
        return item

    def send(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(RequestPipe._END)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class Context:
    def __init__(self, target):
        self.target = target
        self.m = Messages()
        self.channel = grpc.insecure_channel(target)
        self.stub = Stub(self.channel, self.m)

    def zeros(self, size):
        return self.m.Payload(body=b"\x00" * size)

    def streaming_request(self, response_size, payload_size):
        return self.m.StreamingOutputCallRequest(
            response_parameters=[self.m.ResponseParameters(size=response_size)],
            payload=self.zeros(payload_size),
        )

    def close(self):
        self.channel.close()


def _check_payload(response, size, what="response"):
    body = response.payload.body
    check(len(body) == size, "%s payload is %d bytes, expected %d" % (what, len(body), size))
    check(body == b"\x00" * size, "%s payload is not all zeros" % what)


def _expect_rpc_error(call_outcome, code, what):
    """Runs call_outcome() and returns the grpc.RpcError it must raise with the given code."""
    try:
        call_outcome()
    except grpc.RpcError as error:
        check(error.code() == code, "%s ended with %s (%r), expected %s" % (what, error.code(), error.details(), code))
        return error
    raise CaseFailure("%s succeeded, expected %s" % (what, code))


def empty_unary(ctx):
    response = ctx.stub.empty_call(ctx.m.Empty(), timeout=CALL_TIMEOUT_SECONDS)
    check(isinstance(response, ctx.m.Empty), "response is %r, expected grpc.testing.Empty" % type(response))


def large_unary(ctx):
    request = ctx.m.SimpleRequest(response_size=LARGE_RESPONSE_SIZE, payload=ctx.zeros(LARGE_REQUEST_SIZE))
    _check_payload(ctx.stub.unary_call(request, timeout=CALL_TIMEOUT_SECONDS), LARGE_RESPONSE_SIZE)


def client_compressed_unary(ctx):
    def request(expect_compressed):
        return ctx.m.SimpleRequest(
            expect_compressed=ctx.m.BoolValue(value=expect_compressed),
            response_size=LARGE_RESPONSE_SIZE,
            payload=ctx.zeros(LARGE_REQUEST_SIZE),
        )

    _expect_rpc_error(
        lambda: ctx.stub.unary_call(
            request(True), timeout=CALL_TIMEOUT_SECONDS, compression=grpc.Compression.NoCompression
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "feature probe (uncompressed, expect_compressed=true)",
    )
    compressed = ctx.stub.unary_call(request(True), timeout=CALL_TIMEOUT_SECONDS, compression=grpc.Compression.Gzip)
    _check_payload(compressed, LARGE_RESPONSE_SIZE, "compressed call's")
    plain = ctx.stub.unary_call(
        request(False), timeout=CALL_TIMEOUT_SECONDS, compression=grpc.Compression.NoCompression
    )
    _check_payload(plain, LARGE_RESPONSE_SIZE, "uncompressed call's")


def server_compressed_streaming(ctx):
    # A channel without C-core decompression hands over each response as it arrived on the wire,
    # so the compressed message flag the spec asks about can be asserted (see interop_common.inflate).
    channel = grpc.insecure_channel(ctx.target, options=[NO_DECOMPRESSION_OPTION])
    try:
        stub = Stub(channel, ctx.m, response_deserializer=inbound)
        request = ctx.m.StreamingOutputCallRequest(
            response_parameters=[
                ctx.m.ResponseParameters(compressed=ctx.m.BoolValue(value=True), size=31415),
                ctx.m.ResponseParameters(compressed=ctx.m.BoolValue(value=False), size=92653),
            ]
        )
        responses = list(stub.streaming_output_call(request, timeout=CALL_TIMEOUT_SECONDS))
    finally:
        channel.close()
    check(len(responses) == 2, "got %d responses, expected 2" % len(responses))
    check(responses[0].compressed, "first response (compressed=true) arrived without the compressed flag")
    check(not responses[1].compressed, "second response (compressed=false) arrived with the compressed flag")
    _check_payload(responses[0].message, 31415, "first response")
    _check_payload(responses[1].message, 92653, "second response")


def client_streaming(ctx):
    requests = [ctx.m.StreamingInputCallRequest(payload=ctx.zeros(size)) for size in STREAM_REQUEST_SIZES]
    response = ctx.stub.streaming_input_call(iter(requests), timeout=CALL_TIMEOUT_SECONDS)
    check(
        response.aggregated_payload_size == 74922,
        "aggregated_payload_size is %d, expected 74922" % response.aggregated_payload_size,
    )


def server_streaming(ctx):
    request = ctx.m.StreamingOutputCallRequest(
        response_parameters=[ctx.m.ResponseParameters(size=size) for size in STREAM_RESPONSE_SIZES]
    )
    responses = list(ctx.stub.streaming_output_call(request, timeout=CALL_TIMEOUT_SECONDS))
    check(len(responses) == 4, "got %d responses, expected 4" % len(responses))
    for index, (response, size) in enumerate(zip(responses, STREAM_RESPONSE_SIZES)):
        _check_payload(response, size, "response %d" % index)


def ping_pong(ctx):
    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, timeout=CALL_TIMEOUT_SECONDS)
        for index, (response_size, payload_size) in enumerate(zip(STREAM_RESPONSE_SIZES, STREAM_REQUEST_SIZES)):
            pipe.send(ctx.streaming_request(response_size, payload_size))
            _check_payload(next(responses), response_size, "response %d" % index)
        pipe.close()
        extra = list(responses)
        check(not extra, "got %d responses after the fourth, expected none" % len(extra))
        check(responses.code() == grpc.StatusCode.OK, "call ended with %s" % responses.code())


def empty_stream(ctx):
    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, timeout=CALL_TIMEOUT_SECONDS)
        pipe.close()
        received = list(responses)
        check(not received, "got %d responses, expected none" % len(received))
        check(responses.code() == grpc.StatusCode.OK, "call ended with %s" % responses.code())


def timeout_on_sleeping_server(ctx):
    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, timeout=0.001)
        pipe.send(ctx.m.StreamingOutputCallRequest(payload=ctx.zeros(27182)))
        _expect_rpc_error(lambda: list(responses), grpc.StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall with 1 ms timeout")


def cancel_after_begin(ctx):
    with RequestPipe() as pipe:
        future = ctx.stub.streaming_input_call.future(pipe, timeout=CALL_TIMEOUT_SECONDS)
        future.cancel()
        check(future.cancelled(), "future.cancelled() is False after cancel()")
        check(future.code() == grpc.StatusCode.CANCELLED, "call ended with %s, expected CANCELLED" % future.code())


def cancel_after_first_response(ctx):
    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, timeout=CALL_TIMEOUT_SECONDS)
        pipe.send(ctx.streaming_request(31415, 27182))
        _check_payload(next(responses), 31415, "first response")
        responses.cancel()
        _expect_rpc_error(lambda: list(responses), grpc.StatusCode.CANCELLED, "FullDuplexCall after cancel()")


def custom_metadata(ctx):
    metadata = ((ECHO_INITIAL_KEY, INITIAL_METADATA_VALUE), (ECHO_TRAILING_KEY, TRAILING_METADATA_VALUE))

    def check_echo(call, what):
        initial = dict(call.initial_metadata())
        trailing = dict(call.trailing_metadata())
        check(
            initial.get(ECHO_INITIAL_KEY) == INITIAL_METADATA_VALUE,
            "%s initial metadata %s is %r" % (what, ECHO_INITIAL_KEY, initial.get(ECHO_INITIAL_KEY)),
        )
        check(
            trailing.get(ECHO_TRAILING_KEY) == TRAILING_METADATA_VALUE,
            "%s trailing metadata %s is %r" % (what, ECHO_TRAILING_KEY, trailing.get(ECHO_TRAILING_KEY)),
        )

    request = ctx.m.SimpleRequest(response_size=LARGE_RESPONSE_SIZE, payload=ctx.zeros(LARGE_REQUEST_SIZE))
    response, call = ctx.stub.unary_call.with_call(request, metadata=metadata, timeout=CALL_TIMEOUT_SECONDS)
    _check_payload(response, LARGE_RESPONSE_SIZE, "UnaryCall")
    check_echo(call, "UnaryCall")

    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, metadata=metadata, timeout=CALL_TIMEOUT_SECONDS)
        pipe.send(ctx.streaming_request(LARGE_RESPONSE_SIZE, LARGE_REQUEST_SIZE))
        pipe.close()
        received = list(responses)
        check(len(received) == 1, "FullDuplexCall got %d responses, expected 1" % len(received))
        _check_payload(received[0], LARGE_RESPONSE_SIZE, "FullDuplexCall")
        check_echo(responses, "FullDuplexCall")


def _expect_echoed_status(call_outcome, message, what):
    error = _expect_rpc_error(call_outcome, grpc.StatusCode.UNKNOWN, what)
    check(error.details() == message, "%s status message is %r, expected %r" % (what, error.details(), message))


def status_code_and_message(ctx):
    message = "test status message"
    status = ctx.m.EchoStatus(code=2, message=message)
    _expect_echoed_status(
        lambda: ctx.stub.unary_call(ctx.m.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_SECONDS),
        message,
        "UnaryCall",
    )
    with RequestPipe() as pipe:
        responses = ctx.stub.full_duplex_call(pipe, timeout=CALL_TIMEOUT_SECONDS)
        pipe.send(ctx.m.StreamingOutputCallRequest(response_status=status))
        pipe.close()
        _expect_echoed_status(lambda: list(responses), message, "FullDuplexCall")


def special_status_message(ctx):
    status = ctx.m.EchoStatus(code=2, message=SPECIAL_STATUS_MESSAGE)
    _expect_echoed_status(
        lambda: ctx.stub.unary_call(ctx.m.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_SECONDS),
        SPECIAL_STATUS_MESSAGE,
        "UnaryCall",
    )


def unimplemented_method(ctx):
    _expect_rpc_error(
        lambda: ctx.stub.unimplemented_call(ctx.m.Empty(), timeout=CALL_TIMEOUT_SECONDS),
        grpc.StatusCode.UNIMPLEMENTED,
        "TestService/UnimplementedCall",
    )


def unimplemented_service(ctx):
    _expect_rpc_error(
        lambda: ctx.stub.unimplemented_service_call(ctx.m.Empty(), timeout=CALL_TIMEOUT_SECONDS),
        grpc.StatusCode.UNIMPLEMENTED,
        "UnimplementedService/UnimplementedCall",
    )


CASES = {
    "empty_unary": empty_unary,
    "large_unary": large_unary,
    "client_compressed_unary": client_compressed_unary,
    "server_compressed_streaming": server_compressed_streaming,
    "client_streaming": client_streaming,
    "server_streaming": server_streaming,
    "ping_pong": ping_pong,
    "empty_stream": empty_stream,
    "timeout_on_sleeping_server": timeout_on_sleeping_server,
    "cancel_after_begin": cancel_after_begin,
    "cancel_after_first_response": cancel_after_first_response,
    "custom_metadata": custom_metadata,
    "status_code_and_message": status_code_and_message,
    "special_status_message": special_status_message,
    "unimplemented_method": unimplemented_method,
    "unimplemented_service": unimplemented_service,
}


def main(argv):
    flags = parse_flags(argv, {"server_host", "server_port", "test_case", "use_tls"})
    if flags.get("use_tls", "false") != "false":
        sys.stderr.write("--use_tls=true is not supported: these peers speak h2c on loopback only\n")
        return 2
    if "server_port" not in flags or "test_case" not in flags:
        sys.stderr.write("--server_port=N and --test_case=NAME are required\n")
        return 2
    ctx = Context("%s:%s" % (flags.get("server_host", "127.0.0.1"), flags["server_port"]))
    try:
        return run_cases(CASES, flags["test_case"], ctx)
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
