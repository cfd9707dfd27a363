using FederatedPlatform.Grpc.Interop;
using FederatedPlatform.Grpc.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Tests.Interop;

/// <summary>This project's TestService server, shared by a test class; fails the class if it logged errors.</summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private readonly ErrorCollectingLoggerProvider _errors = new();

    public InteropServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InteropServer.StartAsync(0, logging => logging.AddProvider(_errors));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _errors.AssertNoErrors();
    }
}
