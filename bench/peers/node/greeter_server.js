'use strict';
// grpc-js peer for the gRPC benchmark: helloworld.Greeter/SayHello and
// grpc.testing.BenchmarkService/StreamingFromServer, written the way a grpc-js user
// would, from the standard protos that Debian's grpc-proto package installs.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const usage = 'usage: node greeter_server.js --port=N';

function parsePort(argv) {
  let port;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--port=')) {
      port = arg.slice('--port='.length);
    } else if (arg === '--port' && i + 1 < argv.length) {
      port = argv[++i];
    } else {
      throw new Error(`unexpected argument: ${arg}`);
    }
  }
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`--port must be an integer in [1, 65535], got '${port}'`);
  }
  return value;
}

function loadProtos(root) {
  const definition = protoLoader.loadSync(
    ['grpc/examples/helloworld.proto', 'grpc/testing/benchmark_service.proto'].map((p) => path.join(root, p)),
    { includeDirs: [root], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true },
  );
  return grpc.loadPackageDefinition(definition);
}

function sayHello(call, callback) {
  callback(null, { message: `Hello ${call.request.name}` });
}

function streamingFromServer(call) {
  const size = call.request.response_size;
  if (size < 0) {
    call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'response_size must not be negative' });
    return;
  }
  const response = { payload: { type: 'COMPRESSABLE', body: Buffer.alloc(size) } };
  let cancelled = false;
  call.on('cancelled', () => {
    cancelled = true;
  });
  // Write until the stream's buffer is full, then resume on 'drain'; that is how grpc-js
  // exposes HTTP/2 flow control. The stream is unbounded and ends when the client cancels.
  const pump = () => {
    while (!cancelled) {
      if (!call.write(response)) {
        call.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

function main() {
  let port;
  try {
    port = parsePort(process.argv.slice(2));
  } catch (error) {
    console.error(`${usage}\n${error.message}`);
    process.exit(2);
  }
  const root = process.env.GRPC_PROTO_ROOT || '/usr/share/grpc-proto';
  const protos = loadProtos(root);

  const server = new grpc.Server();
  server.addService(protos.helloworld.Greeter.service, { SayHello: sayHello });
  server.addService(protos.grpc.testing.BenchmarkService.service, { StreamingFromServer: streamingFromServer });

  const address = `127.0.0.1:${port}`;
  server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error) => {
    if (error) {
      console.error(`greeter_server.js: cannot listen on ${address}: ${error.message}`);
      process.exit(1);
    }
    const version = require('@grpc/grpc-js/package.json').version;
    console.log(`greeter_server.js (grpc-js ${version}, node ${process.version}) listening on ${address}`);
  });

  const stop = () => {
    // Streams run until their client cancels, so a graceful shutdown gets a bounded wait.
    const force = setTimeout(() => server.forceShutdown(), 2000);
    force.unref();
    server.tryShutdown(() => clearTimeout(force));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
