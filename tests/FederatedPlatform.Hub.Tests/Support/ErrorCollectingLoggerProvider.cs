using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>Collects errors so a test whose hub logs an unexpected error fails.</summary>
public sealed class ErrorCollectingLoggerProvider : ILoggerProvider
{
    /// <summary>FEDPLAT_TEST_LOG=1 also prints every hub log line (debug included) to stderr.</summary>
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("FEDPLAT_TEST_LOG") == "1";

    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    public void AssertNoErrors()
    {
        if (!Errors.IsEmpty)
        {
            Assert.Fail("The hub logged errors:\n" + string.Join("\n", Errors));
        }
    }

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(ErrorCollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (Verbose ? LogLevel.Debug : LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}";
            owner.Lines.Enqueue(line);
            if (Verbose)
            {
                Console.Error.WriteLine(line);
            }
            if (logLevel >= LogLevel.Error)
            {
                owner.Errors.Enqueue(line);
            }
        }
    }
}
