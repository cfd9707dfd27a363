#!/usr/bin/env node
'use strict';

// grpc-js check of a server's standard services: grpc.health.v1.Health (Check, Watch) and server
// reflection through both grpc.reflection.v1 and grpc.reflection.v1alpha ServerReflectionInfo.
//
// Usage: node health_reflection_check.js --server_port=N [--server_host=127.0.0.1] [--service=NAME]
//        [--test_case=all|NAME[,NAME...]]
// --service names a service the server must list and describe (e.g. grpc.testing.TestService);
// without it the checks use grpc.health.v1.Health. Prints "PASS <case>" or "FAIL <case>: <reason>"
// per case and exits 0 only when every case passed.

const {
  grpc,
  loadGrpcObject,
  loadPackageDefinition,
  parseFlags,
  requireFlags,
  check,
  describeStatus,
  runCases,
} = require('./common');
const { unaryCall, startServerStreaming, startDuplex } = require('./calls');

// FileDescriptorProto decoding comes from the protobufjs that proto-loader itself depends on.
const descriptor = require(require.resolve('protobufjs/ext/descriptor', { paths: [require.resolve('@grpc/proto-loader')] }));

const CASE_TIMEOUT_MS = 30_000;
const HEALTH_SERVICE = 'grpc.health.v1.Health';
const UNKNOWN_SERVICE = 'fedplat.interop.NoSuchService';
const UNKNOWN_SYMBOL = 'fedplat.interop.NoSuchSymbol';
const NOT_FOUND = 5;
const KNOWN_PROTOS = ['grpc/testing/test.proto', 'grpc/health/v1/health.proto'];

async function healthCheckServer({ health }) {
  const { status, response } = await unaryCall(health, 'Check', { service: '' });
  check(status.code === grpc.status.OK, `Check("") ended with ${describeStatus(status)}`);
  check(response.status === 'SERVING', `Check("") answered ${response.status}, expected SERVING`);
}

async function healthCheckUnknownService({ health }) {
  const { status } = await unaryCall(health, 'Check', { service: UNKNOWN_SERVICE });
  check(status.code === grpc.status.NOT_FOUND, `Check("${UNKNOWN_SERVICE}") ended with ${describeStatus(status)}, expected NOT_FOUND`);
}

async function healthWatchServer({ health }) {
  const stream = startServerStreaming(health, 'Watch', { service: '' });
  const first = await stream.next('Watch("")');
  stream.call.cancel();
  await stream.finish();
  check(first.status === 'SERVING', `Watch("") first answered ${first.status}, expected SERVING`);
}

/** One request on a fresh ServerReflectionInfo stream; returns the single response to it. */
async function reflect(client, request) {
  const stream = startDuplex(client, 'ServerReflectionInfo');
  stream.call.write(request);
  const response = await stream.next(`ServerReflectionInfo(${JSON.stringify(request)})`);
  stream.call.end();
  const { status, rest } = await stream.finish();
  check(status.code === grpc.status.OK, `ServerReflectionInfo ended with ${describeStatus(status)}`);
  check(rest.length === 0, `ServerReflectionInfo sent ${rest.length} extra responses to one request`);
  return response;
}

function fileDescriptors(response, what) {
  check(
    response.message_response === 'file_descriptor_response',
    `${what} answered ${response.message_response}: ${JSON.stringify(response.error_response ?? null)}`,
  );
  return response.file_descriptor_response.file_descriptor_proto.map((bytes) => descriptor.FileDescriptorProto.decode(bytes));
}

function qualified(file, name) {
  return file.package ? `${file.package}.${name}` : name;
}

let knownDefinitions = null;

/** The methods of a service as this checker's own copy of the standard protos declares them, if it has one. */
function expectedMethods(serviceName) {
  knownDefinitions ??= loadPackageDefinition(KNOWN_PROTOS);
  const definition = knownDefinitions[serviceName];
  if (definition === undefined) {
    return null;
  }
  return Object.entries(definition).map(([name, method]) => ({
    name,
    clientStreaming: method.requestStream,
    serverStreaming: method.responseStream,
  }));
}

function checkServiceDescribed(files, serviceName) {
  const file = files.find((candidate) => candidate.service.some((service) => qualified(candidate, service.name) === serviceName));
  check(file !== undefined, `no returned file declares ${serviceName} (files: ${files.map((f) => f.name).join(', ')})`);
  const service = file.service.find((candidate) => qualified(file, candidate.name) === serviceName);
  check(service.method.length > 0, `${serviceName} is declared without methods in ${file.name}`);
  const expected = expectedMethods(serviceName);
  for (const method of expected ?? []) {
    const found = service.method.find((candidate) => candidate.name === method.name);
    check(found !== undefined, `${serviceName} in ${file.name} lacks method ${method.name}`);
    check(
      Boolean(found.clientStreaming) === method.clientStreaming && Boolean(found.serverStreaming) === method.serverStreaming,
      `${serviceName}/${method.name} streaming flags are client=${Boolean(found.clientStreaming)} server=${Boolean(found.serverStreaming)}`,
    );
  }
  return file;
}

function reflectionCases(version) {
  const clientKey = `reflection_${version}`;

  async function listServices(context) {
    const response = await reflect(context[clientKey], { list_services: '' });
    check(response.message_response === 'list_services_response', `list_services answered ${response.message_response}`);
    const names = response.list_services_response.service.map((service) => service.name);
    for (const required of context.requiredServices) {
      check(names.includes(required), `list_services lacks ${required} (got ${names.join(', ')})`);
    }
  }

  async function fileContainingSymbol(context) {
    const response = await reflect(context[clientKey], { file_containing_symbol: context.symbol });
    checkServiceDescribed(fileDescriptors(response, `file_containing_symbol(${context.symbol})`), context.symbol);
  }

  async function fileByFilename(context) {
    const containing = await reflect(context[clientKey], { file_containing_symbol: context.symbol });
    const fileName = checkServiceDescribed(fileDescriptors(containing, `file_containing_symbol(${context.symbol})`), context.symbol).name;
    const response = await reflect(context[clientKey], { file_by_filename: fileName });
    const files = fileDescriptors(response, `file_by_filename(${fileName})`);
    check(files.some((file) => file.name === fileName), `file_by_filename(${fileName}) returned ${files.map((f) => f.name).join(', ')}`);
    checkServiceDescribed(files, context.symbol);
  }

  async function unknownSymbol(context) {
    const response = await reflect(context[clientKey], { file_containing_symbol: UNKNOWN_SYMBOL });
    check(response.message_response === 'error_response', `file_containing_symbol(${UNKNOWN_SYMBOL}) answered ${response.message_response}`);
    const code = response.error_response.error_code;
    check(code === NOT_FOUND, `file_containing_symbol(${UNKNOWN_SYMBOL}) error_code is ${code}, expected 5 (NOT_FOUND)`);
  }

  return {
    [`reflection_${version}_list_services`]: listServices,
    [`reflection_${version}_file_containing_symbol`]: fileContainingSymbol,
    [`reflection_${version}_file_by_filename`]: fileByFilename,
    [`reflection_${version}_unknown_symbol`]: unknownSymbol,
  };
}

const CASES = {
  health_check_server: healthCheckServer,
  health_check_unknown_service: healthCheckUnknownService,
  health_watch_server: healthWatchServer,
  ...reflectionCases('v1'),
  ...reflectionCases('v1alpha'),
};

async function main() {
  const flags = parseFlags(process.argv.slice(2), ['server_host', 'server_port', 'service', 'test_case']);
  requireFlags(flags, ['server_port']);
  const target = `${flags.server_host ?? '127.0.0.1'}:${flags.server_port}`;
  const protos = loadGrpcObject(['grpc/health/v1/health.proto', 'grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto']);
  const credentials = grpc.credentials.createInsecure();
  const clients = {
    health: new protos.grpc.health.v1.Health(target, credentials),
    reflection_v1: new protos.grpc.reflection.v1.ServerReflection(target, credentials),
    reflection_v1alpha: new protos.grpc.reflection.v1alpha.ServerReflection(target, credentials),
  };
  const context = {
    ...clients,
    symbol: flags.service ?? HEALTH_SERVICE,
    requiredServices: [...new Set([flags.service ?? HEALTH_SERVICE, HEALTH_SERVICE])],
  };
  try {
    return await runCases(CASES, flags.test_case ?? 'all', context, CASE_TIMEOUT_MS);
  } finally {
    for (const client of Object.values(clients)) {
      client.close();
    }
  }
}

// Exit explicitly: a case abandoned by its watchdog may still hold a call open until its deadline.
main().then((code) => process.exit(code));
