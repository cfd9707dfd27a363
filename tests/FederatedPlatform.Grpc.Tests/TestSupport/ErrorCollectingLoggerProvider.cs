using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Tests.TestSupport;

/// <summary>Collects warnings and errors so a test whose server logs an unexpected error fails.</summary>
public sealed class ErrorCollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    public void AssertNoErrors()
    {
        if (!Errors.IsEmpty)
        {
            Assert.Fail("The server logged errors:\n" + string.Join("\n", Errors));
        }
    }

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(ErrorCollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Errors.Enqueue($"{category} [{eventId.Id}] {formatter(state, exception)} {exception}");
            }
        }
    }
}
