using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Publishing.Internal;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Registry.Internal;

/// <summary>The Registry service (operators only; the interceptor checks the role).</summary>
internal sealed class RegistryService(
    HubCatalog catalog, CredentialCache cache, CredentialStreams credentialStreams, PublishStreams publishStreams, ILogger<RegistryService> logger)
{
    public Task<Center> RegisterCenterAsync(RegisterCenterRequest request, ServerCallContext context) =>
        catalog.Store.Registry.RegisterCenterAsync(request, HubCall.Of(context).CancellationToken);

    public async Task<IssueCredentialResponse> IssueCredentialAsync(IssueCredentialRequest request, ServerCallContext context)
    {
        var issued = await catalog.Store.Registry.IssueCredentialAsync(
            request.Role, request.CenterId, request.Description, HubCall.Of(context).CancellationToken);
        return new IssueCredentialResponse { Credential = issued.Credential, Token = issued.Token };
    }

    public async Task<RevokeCredentialResponse> RevokeCredentialAsync(RevokeCredentialRequest request, ServerCallContext context)
    {
        if (request.CredentialId.Length == 0)
        {
            throw HubErrors.InvalidArgument("credential_id", "required");
        }

        var credential = await catalog.Store.Registry.RevokeCredentialAsync(request.CredentialId, HubCall.Of(context).CancellationToken);

        // Stored first, then refused here at once and its open streams ended.
        cache.Revoke(credential.CredentialId);
        credentialStreams.Revoke(credential.CredentialId);
        HubLog.CredentialRevoked(logger, credential.CredentialId);
        return new RevokeCredentialResponse { Credential = credential };
    }

    public async Task<ListCredentialsResponse> ListCredentialsAsync(ListCredentialsRequest request, ServerCallContext context)
    {
        var credentials = await catalog.Store.Registry.ListCredentialsAsync(request.CenterId, HubCall.Of(context).CancellationToken);
        var response = new ListCredentialsResponse();
        response.Credentials.AddRange(credentials);
        return response;
    }

    public async Task<FederationHealth> GetFederationHealthAsync(GetFederationHealthRequest request, ServerCallContext context)
    {
        var token = HubCall.Of(context).CancellationToken;
        var store = catalog.Store;
        var progress = await store.Registry.GetProgressAsync(token);
        var position = await store.Feed.GetPositionAsync(token);
        var health = new FederationHealth { HubEpoch = store.Identity.Epoch, CatalogSeq = position.HeadSeq };
        health.Centers.AddRange(progress.Select(p => HealthMapping.ToProto(p, publishStreams.IsConnected(p.CenterId))));
        return health;
    }

    public async Task<RequestResyncResponse> RequestResyncAsync(RequestResyncRequest request, ServerCallContext context)
    {
        var reason = request.Reason.Length > 0 ? request.Reason : "requested by an operator";
        await catalog.Store.Registry.RequestResyncAsync(request.CenterId, reason, HubCall.Of(context).CancellationToken);

        // Stored, so a node that connects later is asked at its hello; a connected one is asked now.
        var connected = publishStreams.RequestResync(request.CenterId, reason);
        HubLog.ResyncRequested(logger, request.CenterId, connected);
        return new RequestResyncResponse();
    }
}
