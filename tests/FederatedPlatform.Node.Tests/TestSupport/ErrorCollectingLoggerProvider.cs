using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>Collects errors so a test whose node or fake hub logs an unexpected one fails.</summary>
public sealed class ErrorCollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    public void AssertNoErrors()
    {
        if (!Errors.IsEmpty)
        {
            Assert.Fail("Unexpected errors were logged:\n" + string.Join("\n", Errors));
        }
    }

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(ErrorCollectingLoggerProvider owner, string category) : ILogger
    {
        // FEDPLAT_TEST_LOG=1 prints every message from Information up, to diagnose a failing test.
        private static readonly bool Verbose = Environment.GetEnvironmentVariable("FEDPLAT_TEST_LOG") == "1";

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || (logLevel >= LogLevel.Information && Verbose);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Verbose)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }

            if (logLevel >= LogLevel.Error)
            {
                owner.Errors.Enqueue($"{category} [{eventId.Id}] {formatter(state, exception)} {exception}");
            }
        }
    }
}
