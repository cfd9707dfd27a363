#!/usr/bin/env node
// A FederatedPlatform hub client in Node (grpc-js), using nothing but protos/.
//
//   node catalog_client.js --hub 127.0.0.1:7300 --token <reader token> list [--kind need] [--limit 10]
//   node catalog_client.js --hub 127.0.0.1:7300 --token <reader token> watch [--cursor C] [--limit 20]
//   node catalog_client.js --hub 127.0.0.1:7300 --token <reader token> search 海水淡化 [--kind achievement] [--limit 10]
//
// Watch guarantees (see protos/fedplat/v1/hub.proto): events arrive in catalog order, never twice within a
// stream, without holes; every event carries the cursor after it. Store the cursor with your data and
// apply events idempotently by record version; after a reconnect, resume with --cursor.
//
// Search (see protos/fedplat/v1/search.proto, CatalogSearch.Search): full text in any language the records
// carry; matches in titles and snippets are wrapped in « ». The hub indexes a change in the same transaction
// as the catalog change, so what Watch has shown is findable.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTOS = path.resolve(__dirname, '..', '..', 'protos');

function parseArgs(argv) {
  const options = { command: null, query: '', limit: 20 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      options[key] = inline !== undefined ? inline : argv[++i];
    } else if (!options.command) {
      options.command = arg;
    } else {
      options.query = arg;
    }
  }
  options.limit = Number(options.limit);
  return options;
}

function loadHub(address) {
  const definition = protoLoader.loadSync(
    [path.join(PROTOS, 'fedplat/v1/hub.proto'), path.join(PROTOS, 'fedplat/v1/search.proto')],
    { includeDirs: [PROTOS], keepCase: true, longs: String, enums: String, defaults: false, oneofs: true },
  );
  const fedplat = grpc.loadPackageDefinition(definition).fedplat.v1;
  const credentials = grpc.credentials.createInsecure();
  return { hub: new fedplat.Hub(address, credentials), search: new fedplat.CatalogSearch(address, credentials) };
}

function title(record) {
  const t = record.title || {};
  return t.en || t.zh || t.ar || Object.values(t)[0] || '';
}

function describe(event) {
  switch (event.kind) {
    case 'upsert': {
      const r = event.upsert.record;
      return `upsert ${r.id.center_id}/${r.id.local_id} v${r.version} ${title(r)}`;
    }
    case 'delete': return `delete ${event.delete.id.center_id}/${event.delete.id.local_id} v${event.delete.version}`;
    case 'snapshot_complete': return `snapshot complete (${event.snapshot_complete.count} records)`;
    case 'bookmark': return 'bookmark';
    case 'reset': return `reset ${event.reset.reason}: ${event.reset.message}`;
    default: return event.kind;
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.hub || !options.token || !['list', 'watch', 'search'].includes(options.command)) {
    console.error('usage: catalog_client.js --hub HOST:PORT --token TOKEN (list [--kind K] | watch [--cursor C] | search QUERY [--kind K]) [--limit N]');
    process.exit(2);
  }
  const { hub, search } = loadHub(options.hub);
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${options.token}`);
  const filter = options.kind ? { kinds: [`RECORD_KIND_${options.kind.toUpperCase()}`] } : {};

  if (options.command === 'list') {
    hub.ListRecords({ filter, page_size: options.limit }, metadata, { deadline: Date.now() + 10000 }, (err, response) => {
      if (err) { console.error(`error: ${grpc.status[err.code]}: ${err.details}`); process.exit(1); }
      for (const r of response.records) console.log(`${r.id.center_id}/${r.id.local_id}\t${r.kind}\t${title(r)}`);
      process.exit(0);
    });
    return;
  }

  if (options.command === 'search') {
    const request = { query: options.query, kinds: filter.kinds || [], page_size: options.limit };
    search.Search(request, metadata, { deadline: Date.now() + 10000 }, (err, response) => {
      if (err) { console.error(`error: ${grpc.status[err.code]}: ${err.details}`); process.exit(1); }
      for (const hit of response.hits || []) {
        const r = hit.record;
        console.log(`${Number(hit.score).toFixed(2)}\t${r.id.center_id}/${r.id.local_id}\t${hit.title}\t${hit.snippet}`);
      }
      process.exit(0);
    });
    return;
  }

  let records = 0;
  const call = hub.Watch({ cursor: options.cursor || '', filter }, metadata);
  call.on('data', (event) => {
    console.log(`${describe(event)}\t${event.cursor}`);
    if (event.kind === 'upsert' || event.kind === 'delete') {
      records++;
      if (records >= options.limit) { call.cancel(); process.exit(0); }
    }
  });
  call.on('error', (err) => {
    if (err.code === grpc.status.CANCELLED) return;
    console.error(`error: ${grpc.status[err.code]}: ${err.details}`);
    process.exit(1);
  });
}

main();
