'use strict';

// Shared pieces of the grpc-js peers: proto loading, flags, checks and the PASS/FAIL case runner.

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = process.env.GRPC_PROTO_DIR || '/usr/share/grpc-proto';

// keepCase keeps the proto field names (response_size), defaults+oneofs make absent message fields
// read as null so that "nullable" fields such as expect_compressed can be told apart from false.
const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

const ECHO_INITIAL_KEY = 'x-grpc-test-echo-initial';
const ECHO_TRAILING_KEY = 'x-grpc-test-echo-trailing-bin';

const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

function loadPackageDefinition(files) {
  return protoLoader.loadSync(files, LOADER_OPTIONS);
}

function loadGrpcObject(files) {
  return grpc.loadPackageDefinition(loadPackageDefinition(files));
}

/** Parses --name=value flags (bare --name means "true"); anything unknown ends the process with exit code 2. */
function parseFlags(argv, known) {
  const flags = {};
  for (const arg of argv) {
    const match = /^--([a-z_]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !known.includes(match[1])) {
      process.stderr.write(`unknown or malformed flag ${JSON.stringify(arg)}; known: ${known.join(', ')}\n`);
      process.exit(2);
    }
    flags[match[1]] = match[2] === undefined ? 'true' : match[2];
  }
  return flags;
}

function requireFlags(flags, names) {
  const missing = names.filter((name) => flags[name] === undefined);
  if (missing.length > 0) {
    process.stderr.write(`missing required flag(s): ${missing.map((name) => `--${name}`).join(', ')}\n`);
    process.exit(2);
  }
}

function rejectTls(flags) {
  if ((flags.use_tls ?? 'false') !== 'false') {
    process.stderr.write('--use_tls=true is not supported: these peers speak h2c on loopback only\n');
    process.exit(2);
  }
}

class CaseFailure extends Error {}

function check(condition, reason) {
  if (!condition) {
    throw new CaseFailure(reason);
  }
}

function statusName(code) {
  return STATUS_NAMES[code] ?? `code ${code}`;
}

function describeStatus(status) {
  return `${statusName(status.code)} (${JSON.stringify(status.details)})`;
}

/** Rejects with a CaseFailure when the promise has not settled after ms; the timer never outlives it. */
function withTimeout(promise, ms, what) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CaseFailure(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Runs the requested cases ("all", one name or a comma-separated list) in order, each under a
 * watchdog, prints PASS/FAIL per case and resolves to the process exit code.
 */
async function runCases(table, requested, context, caseTimeoutMs) {
  const names = requested === 'all' ? Object.keys(table) : requested.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !Object.hasOwn(table, name));
  if (unknown.length > 0 || names.length === 0) {
    process.stderr.write(`unknown test case(s) ${JSON.stringify(unknown)}; known: ${Object.keys(table).join(', ')}\n`);
    return 2;
  }
  let failed = 0;
  for (const name of names) {
    try {
      await withTimeout(Promise.resolve().then(() => table[name](context)), caseTimeoutMs, name);
      console.log(`PASS ${name}`);
    } catch (error) {
      failed += 1;
      const reason = error instanceof CaseFailure ? error.message : `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
      console.log(`FAIL ${name}: ${reason.replace(/\n/g, ' ')}`);
      if (!(error instanceof CaseFailure)) {
        console.error(error);
      }
    }
  }
  console.log(`${names.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

module.exports = {
  grpc,
  PROTO_DIR,
  ECHO_INITIAL_KEY,
  ECHO_TRAILING_KEY,
  loadPackageDefinition,
  loadGrpcObject,
  parseFlags,
  requireFlags,
  rejectTls,
  CaseFailure,
  check,
  statusName,
  describeStatus,
  withTimeout,
  runCases,
};
