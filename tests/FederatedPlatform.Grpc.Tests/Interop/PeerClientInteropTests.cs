using FederatedPlatform.Grpc.Interop;
using FederatedPlatform.Grpc.Tests.TestSupport;

namespace FederatedPlatform.Grpc.Tests.Interop;

/// <summary>Real peer clients (grpc-js, grpc C-core) run the official interop cases against this project's server.</summary>
public sealed class PeerClientInteropTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => new(InteropClient.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task GrpcJsClient_OfficialCase_Passes(string testCase) =>
        RunPeerAsync("node", "node/interop_client.js", testCase);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task GrpcioClient_OfficialCase_Passes(string testCase) =>
        RunPeerAsync("/usr/bin/python3", "python/interop_client.py", testCase);

    [Fact]
    public async Task GrpcJsClient_HealthAndReflection_AllChecksPass()
    {
        var (exitCode, output) = await PeerProcess.RunAsync("node", RepoPaths.Peers, PeerTimeout,
            "node/health_reflection_check.js", $"--server_port={fixture.Server.Port}", "--service=grpc.testing.TestService");
        Assert.True(exitCode == 0, output);
        Assert.Contains("PASS reflection_v1_file_containing_symbol", output, StringComparison.Ordinal);
        Assert.Contains("PASS reflection_v1alpha_list_services", output, StringComparison.Ordinal);
        Assert.Contains("PASS health_watch_server", output, StringComparison.Ordinal);
    }

    private async Task RunPeerAsync(string fileName, string script, string testCase)
    {
        var (exitCode, output) = await PeerProcess.RunAsync(fileName, RepoPaths.Peers, PeerTimeout,
            script, "--server_host=127.0.0.1", $"--server_port={fixture.Server.Port}", $"--test_case={testCase}");
        Assert.True(exitCode == 0, output);
        Assert.Contains("PASS " + testCase, output, StringComparison.Ordinal);
    }
}
