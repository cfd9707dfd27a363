using FederatedPlatform.Grpc.Interop;

namespace FederatedPlatform.Grpc.Tests.Interop;

/// <summary>This project's client runs the official interop cases against grpc-js, grpc C-core and itself.</summary>
public sealed class OwnClientInteropTests(GrpcJsServerFixture grpcJs, GrpcioServerFixture grpcio, InteropServerFixture own)
    : IClassFixture<GrpcJsServerFixture>, IClassFixture<GrpcioServerFixture>, IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases => new(InteropClient.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task AgainstGrpcJsServer_OfficialCase_Passes(string testCase) => RunAsync(grpcJs.Peer.Port, testCase);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task AgainstGrpcioServer_OfficialCase_Passes(string testCase) => RunAsync(grpcio.Peer.Port, testCase);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task AgainstOwnServer_OfficialCase_Passes(string testCase) => RunAsync(own.Server.Port, testCase);

    private static async Task RunAsync(int port, string testCase)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        await new InteropClient(channel.CreateCallInvoker()).RunAsync(testCase).WithTimeout();
    }
}
