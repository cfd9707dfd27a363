#!/usr/bin/env node
'use strict';

// grpc-js interop server: grpc.testing.TestService as grpc's doc/interop-test-descriptions.md describes.
//
// Usage: node interop_server.js --port=N [--with_health_reflection]   (N=0 picks a free port)
// Prints "listening on 127.0.0.1:N" once bound; SIGTERM or SIGINT stops it with exit code 0.
// --with_health_reflection also serves grpc.health.v1.Health (grpc-health-check) and server
// reflection v1 + v1alpha (@grpc/reflection), both devDependencies, to verify
// health_reflection_check.js against reference implementations.
//
// Known gap, from grpc-js itself: the CompressedResponse feature (response_compressed and
// ResponseParameters.compressed) cannot be honoured. grpc-js 1.14 servers never compress a response
// (every response message goes out with the compressed flag 0 under "grpc-encoding: identity"), so
// those fields are accepted and the responses are sent uncompressed. The python peer honours them.
// UnimplementedCall has no handler on purpose: grpc-js answers it with UNIMPLEMENTED, as it does
// grpc.testing.UnimplementedService, which is not registered at all.

const { setTimeout: delay } = require('node:timers/promises');
const tap = require('./compression_tap');
const {
  grpc,
  ECHO_INITIAL_KEY,
  ECHO_TRAILING_KEY,
  loadPackageDefinition,
  parseFlags,
  requireFlags,
  rejectTls,
} = require('./common');

const SHUTDOWN_TIMEOUT_MS = 5_000;

function zeros(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

function echoInitialMetadata(call) {
  const values = call.metadata.get(ECHO_INITIAL_KEY);
  if (values.length > 0) {
    const metadata = new grpc.Metadata();
    metadata.set(ECHO_INITIAL_KEY, values[0]);
    call.sendMetadata(metadata);
  }
}

function echoTrailingMetadata(call) {
  const metadata = new grpc.Metadata();
  const values = call.metadata.get(ECHO_TRAILING_KEY);
  if (values.length > 0) {
    metadata.set(ECHO_TRAILING_KEY, values[0]);
  }
  return metadata;
}

/** Echo Status feature: the status a request asks the server to end the call with, if any. */
function requestedStatus(request) {
  const status = request.response_status;
  return status && status.code !== 0 ? { code: status.code, details: status.message } : null;
}

/** CompressedRequest feature: the status for a request that expected compression it did not get. */
function compressionViolation(call, request, index) {
  if (!request.expect_compressed?.value) {
    return null;
  }
  try {
    return tap.wasCompressed(call, index) ? null : { code: grpc.status.INVALID_ARGUMENT, details: 'expected a compressed request message' };
  } catch (error) {
    return { code: grpc.status.INTERNAL, details: error.message };
  }
}

/**
 * Writes the responses of a server-streaming, full- or half-duplex call one request at a time, in
 * order: interval_us is a delay before each response that accumulates from one response to the
 * next, and once a status is queued later requests are not processed.
 */
class Responder {
  constructor(call) {
    this.call = call;
    this.queue = Promise.resolve();
    this.closing = false;
    this.closed = false;
    this.cancelled = false;
    call.on('cancelled', () => {
      this.cancelled = true;
    });
  }

  enqueue(step) {
    this.queue = this.queue.then(step).catch((error) => this.close({ code: grpc.status.INTERNAL, details: String(error) }));
  }

  respond(request) {
    this.enqueue(async () => {
      for (const parameters of request.response_parameters) {
        if (parameters.interval_us > 0) {
          await delay(parameters.interval_us / 1000);
        }
        if (this.cancelled || this.closed) {
          return;
        }
        this.call.write({ payload: zeros(parameters.size) });
      }
    });
  }

  /** Ends the call after the queued responses: OK without a status, else with that status. */
  finish(status = null) {
    if (this.closing) {
      return;
    }
    this.closing = true;
    this.enqueue(() => this.close(status));
  }

  close(status) {
    if (this.closed || this.cancelled) {
      return;
    }
    this.closed = true;
    const trailers = echoTrailingMetadata(this.call);
    if (status === null) {
      this.call.end(trailers);
    } else {
      this.call.emit('error', { ...status, metadata: trailers });
    }
  }
}

function emptyCall(call, callback) {
  echoInitialMetadata(call);
  callback(null, {}, echoTrailingMetadata(call));
}

function unaryCall(call, callback) {
  echoInitialMetadata(call);
  const request = call.request;
  const failure = compressionViolation(call, request, 0) ?? requestedStatus(request);
  if (failure !== null) {
    callback({ ...failure, metadata: echoTrailingMetadata(call) });
    return;
  }
  callback(null, { payload: zeros(request.response_size) }, echoTrailingMetadata(call));
}

function streamingOutputCall(call) {
  echoInitialMetadata(call);
  const responder = new Responder(call);
  const status = requestedStatus(call.request);
  if (status === null) {
    responder.respond(call.request);
  }
  responder.finish(status);
}

function streamingInputCall(call, callback) {
  echoInitialMetadata(call);
  let received = 0;
  let aggregated = 0;
  let failed = false;
  call.on('data', (request) => {
    const failure = compressionViolation(call, request, received);
    received += 1;
    if (failed) {
      return;
    }
    if (failure !== null) {
      failed = true;
      callback({ ...failure, metadata: echoTrailingMetadata(call) });
      return;
    }
    aggregated += request.payload?.body?.length ?? 0;
  });
  call.on('end', () => {
    if (!failed) {
      callback(null, { aggregated_payload_size: aggregated }, echoTrailingMetadata(call));
    }
  });
}

function answer(responder, request) {
  const status = requestedStatus(request);
  if (status !== null) {
    responder.finish(status);
  } else if (!responder.closing) {
    responder.respond(request);
  }
}

function fullDuplexCall(call) {
  echoInitialMetadata(call);
  const responder = new Responder(call);
  call.on('data', (request) => answer(responder, request));
  call.on('end', () => responder.finish());
}

function halfDuplexCall(call) {
  echoInitialMetadata(call);
  const responder = new Responder(call);
  const requests = [];
  call.on('data', (request) => requests.push(request));
  call.on('end', () => {
    for (const request of requests) {
      answer(responder, request);
    }
    responder.finish();
  });
}

function requireDevDependency(name) {
  try {
    return require(name);
  } catch (error) {
    process.stderr.write(`--with_health_reflection needs the devDependency ${name} (run "npm ci" without --omit=dev): ${error.message}\n`);
    process.exit(2);
  }
}

function addHealthAndReflection(server) {
  const { HealthImplementation } = requireDevDependency('grpc-health-check');
  const { ReflectionService } = requireDevDependency('@grpc/reflection');
  new HealthImplementation({ '': 'SERVING', 'grpc.testing.TestService': 'SERVING' }).addToServer(server);
  new ReflectionService(loadPackageDefinition(['grpc/testing/test.proto', 'grpc/health/v1/health.proto'])).addToServer(server);
}

function shutDown(server) {
  const forced = setTimeout(() => {
    process.stderr.write(`graceful shutdown took over ${SHUTDOWN_TIMEOUT_MS} ms; forcing\n`);
    server.forceShutdown();
    process.exit(0);
  }, SHUTDOWN_TIMEOUT_MS);
  server.tryShutdown(() => {
    clearTimeout(forced);
    process.exit(0);
  });
}

function main() {
  const flags = parseFlags(process.argv.slice(2), ['port', 'use_tls', 'with_health_reflection']);
  requireFlags(flags, ['port']);
  rejectTls(flags);
  // The tap wraps http2.createServer, so it goes in before the server binds.
  tap.install();

  const testing = grpc.loadPackageDefinition(loadPackageDefinition(['grpc/testing/test.proto'])).grpc.testing;
  const server = new grpc.Server();
  server.addService(testing.TestService.service, {
    EmptyCall: emptyCall,
    UnaryCall: unaryCall,
    StreamingOutputCall: streamingOutputCall,
    StreamingInputCall: streamingInputCall,
    FullDuplexCall: fullDuplexCall,
    HalfDuplexCall: halfDuplexCall,
  });
  if (flags.with_health_reflection === 'true') {
    addHealthAndReflection(server);
  }

  server.bindAsync(`127.0.0.1:${Number(flags.port)}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      process.stderr.write(`could not bind 127.0.0.1:${flags.port}: ${error.message}\n`);
      process.exit(1);
    }
    console.log(`listening on 127.0.0.1:${port}`);
  });
  process.once('SIGTERM', () => shutDown(server));
  process.once('SIGINT', () => shutDown(server));
}

main();
