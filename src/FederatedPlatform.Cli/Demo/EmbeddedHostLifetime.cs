using Microsoft.Extensions.Hosting;

namespace FederatedPlatform.Cli.Demo;

/// <summary>
/// The hub and nodes of the demo run inside one process that owns Ctrl-C: none of them may react to the
/// signal on its own, so the demo can stop the nodes first and the hub last.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
