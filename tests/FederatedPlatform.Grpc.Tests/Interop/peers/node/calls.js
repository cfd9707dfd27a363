'use strict';

// Promise-shaped helpers over grpc-js client calls. Every call gets a deadline, so a silent server
// ends the call with DEADLINE_EXCEEDED instead of hanging the case.

const { grpc, CaseFailure, describeStatus } = require('./common');

const CALL_TIMEOUT_MS = 30_000;

function callOptions(timeoutMs = CALL_TIMEOUT_MS) {
  return { deadline: Date.now() + timeoutMs };
}

function watchOutcome(call, outcome, resolve) {
  call.on('metadata', (metadata) => {
    outcome.initialMetadata = metadata;
  });
  call.on('status', (status) => {
    outcome.status = status;
    resolve(outcome);
  });
}

/** Resolves with {error, response, initialMetadata, status} once the call has its status. */
function unaryCall(client, method, request, { metadata = new grpc.Metadata(), options = callOptions() } = {}) {
  return new Promise((resolve) => {
    const outcome = { error: null, response: null, initialMetadata: null, status: null };
    const call = client[method](request, metadata, options, (error, response) => {
      outcome.error = error;
      outcome.response = response ?? null;
    });
    watchOutcome(call, outcome, resolve);
  });
}

/**
 * Starts a client-streaming call; returns the call (to write to or cancel) and a promise of
 * {error, response, initialMetadata, status}.
 */
function startClientStreaming(client, method, { metadata = new grpc.Metadata(), options = callOptions() } = {}) {
  let call;
  const outcome = new Promise((resolve) => {
    const result = { error: null, response: null, initialMetadata: null, status: null };
    call = client[method](metadata, options, (error, response) => {
      result.error = error;
      result.response = response ?? null;
    });
    watchOutcome(call, result, resolve);
  });
  return { call, outcome };
}

/** Reads a server-streaming or bidirectional call message by message. */
class ResponseStream {
  constructor(call) {
    this.call = call;
    this.messages = [];
    this.initialMetadata = null;
    this.status = null;
    this.ended = false;
    this.waiters = [];
    call.on('metadata', (metadata) => {
      this.initialMetadata = metadata;
    });
    call.on('data', (message) => {
      this.messages.push(message);
      this.wake();
    });
    // A non-OK status is also emitted as 'error'; the 'status' event carries it for the case.
    call.on('error', () => {});
    call.on('status', (status) => {
      this.status = status;
      this.wake();
    });
    call.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter();
    }
  }

  changed() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next response; fails the case when the call ends first. */
  async next(what) {
    for (;;) {
      if (this.messages.length > 0) {
        return this.messages.shift();
      }
      if (this.status !== null) {
        throw new CaseFailure(`${what}: call ended with ${describeStatus(this.status)} before a response arrived`);
      }
      await this.changed();
    }
  }

  /** Waits for the status and for every message delivered before it; returns {status, rest}. */
  async finish() {
    while (this.status === null || !this.ended) {
      await this.changed();
    }
    return { status: this.status, rest: this.messages.splice(0) };
  }
}

function startServerStreaming(client, method, request, { metadata = new grpc.Metadata(), options = callOptions() } = {}) {
  return new ResponseStream(client[method](request, metadata, options));
}

function startDuplex(client, method, { metadata = new grpc.Metadata(), options = callOptions() } = {}) {
  return new ResponseStream(client[method](metadata, options));
}

module.exports = {
  CALL_TIMEOUT_MS,
  callOptions,
  unaryCall,
  startClientStreaming,
  startServerStreaming,
  startDuplex,
};
