#!/usr/bin/env python3
"""A FederatedPlatform hub client in Python (grpcio), using nothing but protos/.

    /usr/bin/python3 catalog_client.py --hub 127.0.0.1:7300 --token <reader token> list [--kind need] [--limit 10]
    /usr/bin/python3 catalog_client.py --hub 127.0.0.1:7300 --token <reader token> watch [--cursor C] [--limit 20]
    /usr/bin/python3 catalog_client.py --hub 127.0.0.1:7300 --token <reader token> search 海水淡化 [--kind achievement] [--limit 10]

Message classes are built at start-up from a descriptor set that protoc compiles from protos/ (Debian:
python3-grpcio, python3-protobuf, protobuf-compiler); calls go through grpcio's generic API.

Watch guarantees (protos/fedplat/v1/hub.proto): events in catalog order, never twice within a stream, no
holes, each carrying the cursor after it. Store the cursor with your data, apply events idempotently by
record version, and resume with --cursor after a reconnect.

Search (protos/fedplat/v1/search.proto, CatalogSearch.Search): full text in any language the records carry;
matches in titles and snippets are wrapped in « ». The hub indexes a change in the same transaction as the
catalog change, so what Watch has shown is findable.
"""

import argparse
import os
import subprocess
import sys
import tempfile

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

PROTOS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protos")


def load_messages():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "fedplat.pb")
        subprocess.run(
            ["protoc", "-I", PROTOS, "-I", "/usr/include", "--include_imports", "--descriptor_set_out=" + out,
             "fedplat/v1/hub.proto", "fedplat/v1/search.proto"],
            check=True)
        with open(out, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in files.file:
        pool.Add(file_proto)
    get_class = getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
    return {name: get_class(pool.FindMessageTypeByName("fedplat.v1." + name))
            for name in ("ListRecordsRequest", "ListRecordsResponse", "WatchRequest", "WatchEvent",
                         "SearchRequest", "SearchResponse")}, pool


def title(record):
    for language in ("en", "zh", "ar"):
        if language in record.title:
            return record.title[language]
    return next(iter(record.title.values()), "")


def describe(event):
    kind = event.WhichOneof("kind")
    if kind == "upsert":
        r = event.upsert.record
        return "upsert %s/%s v%d %s" % (r.id.center_id, r.id.local_id, r.version, title(r))
    if kind == "delete":
        return "delete %s/%s v%d" % (event.delete.id.center_id, event.delete.id.local_id, event.delete.version)
    if kind == "snapshot_complete":
        return "snapshot complete (%d records)" % event.snapshot_complete.count
    if kind == "reset":
        return "reset %s: %s" % (event.reset.reason, event.reset.message)
    return kind


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["list", "watch", "search"])
    parser.add_argument("query", nargs="?", default="", help="search: free text")
    parser.add_argument("--hub", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--kind", choices=["achievement", "need"])
    parser.add_argument("--cursor", default="")
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()

    messages, pool = load_messages()
    kinds = pool.FindEnumTypeByName("fedplat.v1.RecordKind")
    metadata = [("authorization", "Bearer " + args.token)]
    channel = grpc.insecure_channel(args.hub)
    request_filter = {}
    if args.kind:
        request_filter["kinds"] = [kinds.values_by_name["RECORD_KIND_" + args.kind.upper()].number]

    try:
        if args.command == "list":
            call = channel.unary_unary("/fedplat.v1.Hub/ListRecords",
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=messages["ListRecordsResponse"].FromString)
            request = messages["ListRecordsRequest"](page_size=args.limit)
            request.filter.kinds.extend(request_filter.get("kinds", []))
            response = call(request, metadata=metadata, timeout=10)
            for r in response.records:
                print("%s/%s\t%s\t%s" % (r.id.center_id, r.id.local_id, kinds.values_by_number[r.kind].name, title(r)))
            return 0

        if args.command == "search":
            call = channel.unary_unary("/fedplat.v1.CatalogSearch/Search",
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=messages["SearchResponse"].FromString)
            request = messages["SearchRequest"](query=args.query, page_size=args.limit)
            request.kinds.extend(request_filter.get("kinds", []))
            response = call(request, metadata=metadata, timeout=10)
            for hit in response.hits:
                r = hit.record
                print("%.2f\t%s/%s\t%s\t%s" % (hit.score, r.id.center_id, r.id.local_id, hit.title, hit.snippet))
            return 0

        watch = channel.unary_stream("/fedplat.v1.Hub/Watch",
                                     request_serializer=lambda m: m.SerializeToString(),
                                     response_deserializer=messages["WatchEvent"].FromString)
        request = messages["WatchRequest"](cursor=args.cursor)
        request.filter.kinds.extend(request_filter.get("kinds", []))
        stream = watch(request, metadata=metadata)
        records = 0
        for event in stream:
            print("%s\t%s" % (describe(event), event.cursor), flush=True)
            if event.WhichOneof("kind") in ("upsert", "delete"):
                records += 1
                if records >= args.limit:
                    stream.cancel()
                    break
        return 0
    except grpc.RpcError as e:
        print("error: %s: %s" % (e.code().name, e.details()), file=sys.stderr)
        return 1
    finally:
        channel.close()


if __name__ == "__main__":
    sys.exit(main())
