namespace FederatedPlatform.Cli.Tests.EndToEnd;

/// <summary>The newcomer's main job: the demo federation from seeds/ converges and stops cleanly.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_ExitWhenConverged_EveryReplicaHoldsTheWholeFederation()
    {
        var data = Directory.CreateTempSubdirectory("fedplat-demo-test-");
        try
        {
            var (exitCode, output, error) = await CliRunner.RunAsync(
                "demo", "--hub-port", "0", "--node-port-base", "0", "--exit-when-converged", "--timeout", "150", "--data", data.FullName);

            Assert.True(exitCode == 0, output + error);
            Assert.Contains("converged: 15 centers, 476 records in every replica.", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.FullName, "operator.token")));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
