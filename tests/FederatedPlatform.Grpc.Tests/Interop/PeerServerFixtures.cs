using FederatedPlatform.Grpc.Tests.TestSupport;

namespace FederatedPlatform.Grpc.Tests.Interop;

/// <summary>The grpc-js TestService server (npm @grpc/grpc-js).</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    public PeerProcess Peer { get; private set; } = null!;

    public async Task InitializeAsync() => Peer = await PeerProcess.StartServerAsync("node", RepoPaths.Peers, "node/interop_server.js");

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}

/// <summary>The grpc C-core TestService server (Debian python3-grpcio).</summary>
public sealed class GrpcioServerFixture : IAsyncLifetime
{
    public PeerProcess Peer { get; private set; } = null!;

    public async Task InitializeAsync() => Peer = await PeerProcess.StartServerAsync("/usr/bin/python3", RepoPaths.Peers, "python/interop_server.py");

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}
