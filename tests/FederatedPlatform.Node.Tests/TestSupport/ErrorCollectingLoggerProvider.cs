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
