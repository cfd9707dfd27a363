'use strict';

// Records the compressed flag of every request message a grpc-js server receives.
//
// The interop spec's CompressedRequest feature needs the server to know whether a request message
// arrived compressed, but grpc-js decompresses before a handler sees the message and removes
// grpc-encoding from the handler's metadata. So this module watches the HTTP/2 request streams of
// the servers grpc-js creates: it wraps http2.createServer (which grpc-js looks up on every bind),
// puts a first 'stream' listener on each server that parses the gRPC length-prefixed frames from
// the DATA it sees, and tags the request headers with a tap id that grpc-js turns into ordinary
// call metadata, where a handler finds it again. Nothing is sent to the client.

const http2 = require('node:http2');

const TAP_ID_KEY = 'x-fedplat-interop-tap-id';
const FRAME_HEADER_SIZE = 5;

const records = new Map();
let nextTapId = 1;
let installed = false;

class FrameFlags {
  constructor() {
    this.flags = [];
    this.header = Buffer.alloc(FRAME_HEADER_SIZE);
    this.headerFill = 0;
    this.payloadLeft = 0;
  }

  // The length prefix may be split across DATA chunks, and payloads are skipped, never copied.
  push(chunk) {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.length - offset);
        this.payloadLeft -= take;
        offset += take;
        continue;
      }
      const take = Math.min(FRAME_HEADER_SIZE - this.headerFill, chunk.length - offset);
      chunk.copy(this.header, this.headerFill, offset, offset + take);
      this.headerFill += take;
      offset += take;
      if (this.headerFill === FRAME_HEADER_SIZE) {
        this.flags.push(this.header.readUInt8(0));
        this.payloadLeft = this.header.readUInt32BE(1);
        this.headerFill = 0;
      }
    }
  }
}

function tapStream(stream, headers) {
  const tapId = String(nextTapId++);
  const record = new FrameFlags();
  records.set(tapId, record);
  // The same headers object is handed to grpc-js's own 'stream' listener next.
  headers[TAP_ID_KEY] = tapId;
  stream.on('data', (chunk) => record.push(chunk));
  stream.once('close', () => records.delete(tapId));
}

/** Must run before the grpc-js server binds. */
function install() {
  if (installed) {
    return;
  }
  installed = true;
  const createServer = http2.createServer;
  http2.createServer = function createTappedServer(...args) {
    const server = createServer.apply(this, args);
    server.prependListener('stream', tapStream);
    return server;
  };
}

/**
 * Whether the index-th request message of the call arrived with the compressed flag set. grpc-js
 * hands a message to the handler only after its last byte went through the tap, whose listener
 * runs first, so the flag of any message a handler holds is known.
 */
function wasCompressed(call, index) {
  const [tapId] = call.metadata.get(TAP_ID_KEY);
  const record = records.get(tapId);
  if (record === undefined || index >= record.flags.length) {
    throw new Error(`compression tap has no record of request message ${index}`);
  }
  return (record.flags[index] & 1) === 1;
}

module.exports = { install, wasCompressed, TAP_ID_KEY };
