using FederatedPlatform.Bench.Federation;

// Whole-system figures for issue 3; see bench/federation/README.md.
//   ingest   [--nodes 4] [--changes 1000000] [--batch 500] [--window 2000] [--matchmaking]   (the hub's matchmaking loop on)
//   storage  [--nodes 4] [--changes 1000000] [--batch 500]            (hub apply path vs raw SQLite, no network)
//   fanout   [--watchers 1000] [--rate 1000] [--seconds 20] [--warmup 2] [--channels 10] [--cli <fedplat.dll>] [--matchmaking]
//   catchup  [--records 1000000] [--nodes 4] [--batch 500] [--window 2000] [--poll-ms 250]
//   pg       [--changes 200000] [--nodes 4] [--batch 500] [--window 2000] [--watchers 200] [--rate 500] [--seconds 10] [--postgres CONN]
//            ingest and fan-out on SQLite, PostgreSQL with one hub instance and with two, side by side
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: FederatedPlatform.Bench.Federation ingest|storage|fanout|catchup|pg [--option value ...] (see bench/federation/README.md)");
    return 2;
}

var options = new BenchArgs(args.Skip(1));
if (args[0] == "fanout-publisher")
{
    // The fan-out's publisher, started by 'fanout' as a process of its own.
    await FanoutPublisher.RunAsync(options);
    return 0;
}

var keep = Environment.GetEnvironmentVariable("KEEP_BENCH_DATA") is not null;
var dir = Directory.CreateTempSubdirectory("fedplat-bench-");
try
{
    Console.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, nproc {Environment.ProcessorCount}, load average {LoadAverage.Read()}");
    switch (args[0])
    {
        case "ingest":
            await IngestCommand.RunAsync(options, dir.FullName, storageLine: true);
            break;
        case "storage":
            await IngestCommand.RunAsync(options, dir.FullName, storageLine: false);
            break;
        case "fanout":
            await FanoutBenchmark.RunAsync(options, dir.FullName);
            break;
        case "catchup":
            await CatchupBenchmark.RunAsync(options, dir.FullName);
            break;
        case "pg":
            await PostgresCommand.RunAsync(options, dir.FullName);
            break;
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}' (ingest, storage, fanout, catchup, pg)");
            return 2;
    }

    Console.WriteLine($"done; load average {LoadAverage.Read()}");
    return 0;
}
finally
{
    if (keep)
    {
        Console.WriteLine($"data kept in {dir.FullName}");
    }
    else
    {
        dir.Delete(recursive: true);
    }
}
