using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using Microsoft.AspNetCore.Builder;

namespace FederatedPlatform.Cli.Demo;

/// <summary>One running center node of the demo and a client to its local API.</summary>
internal sealed class DemoNode(SeedCenter center, WebApplication app, Uri address) : IAsyncDisposable
{
    private readonly Connection _connection = new(address.ToString(), null);

    public SeedCenter Center { get; } = center;

    public Uri Address { get; } = address;

    public int Imported { get; set; }

    public Task<NodeStatus> StatusAsync(CancellationToken cancellationToken) =>
        _connection.UnaryAsync(Api.GetNodeStatus, new GetNodeStatusRequest(), cancellationToken);

    public Task<ImportRecordsResponse> ImportAsync(IEnumerable<Record> records, CancellationToken cancellationToken)
    {
        var request = new ImportRecordsRequest();
        request.Records.Add(records);
        return _connection.UnaryAsync(Api.ImportRecords, request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
