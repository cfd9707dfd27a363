using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// One log for the hub and every node of a federation: each line names its process. An error that the
/// test did not declare expected fails the test when the federation is disposed.
/// FEDPLAT_TEST_LOG=1 also prints every line (debug included) to stderr.
/// </summary>
public sealed class ErrorCollectingLoggerProvider
{
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("FEDPLAT_TEST_LOG") == "1";

    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly ConcurrentQueue<LogLine> _errors = new();
    private readonly ConcurrentBag<Func<LogLine, bool>> _expected = [];

    public IEnumerable<LogLine> Lines => _lines;

    /// <summary>A provider whose lines are marked with <paramref name="process"/>, e.g. "hub" or "node cn-om".</summary>
    public ILoggerProvider For(string process) => new Provider(this, process);

    /// <summary>Errors matching <paramref name="predicate"/> are part of the scenario, not failures.</summary>
    public void Expect(Func<LogLine, bool> predicate) => _expected.Add(predicate);

    public void AssertNoUnexpectedErrors()
    {
        var unexpected = _errors.Where(e => !_expected.Any(p => p(e))).ToList();
        if (unexpected.Count > 0)
        {
            Assert.Fail("The federation logged unexpected errors:\n" + string.Join("\n", unexpected));
        }
    }

    private void Add(LogLine line)
    {
        _lines.Enqueue(line);
        if (Verbose)
        {
            Console.Error.WriteLine(line);
        }

        if (line.Level >= LogLevel.Error)
        {
            _errors.Enqueue(line);
        }
    }

    private sealed class Provider(ErrorCollectingLoggerProvider owner, string process) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(owner, process, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(ErrorCollectingLoggerProvider owner, string process, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (Verbose ? LogLevel.Debug : LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add(new LogLine(process, logLevel, category, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One log line of a federation process.</summary>
public sealed record LogLine(string Process, LogLevel Level, string Category, int EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Process}: {Level} {Category} [{EventId}] {Message} {Exception}";
}
