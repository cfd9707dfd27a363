using System.Data.Common;
using System.Globalization;
using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// Admits every call to the fedplat services: bearer token → principal (UNAUTHENTICATED), role per
/// method (PERMISSION_DENIED), per-credential request rate and open streams (RESOURCE_EXHAUSTED).
/// It also turns what the services throw into statuses: catalog errors through <see cref="HubErrors"/>,
/// database errors into UNAVAILABLE (busy, locked, unreachable: retry) or INTERNAL, cancellation by
/// revocation into UNAUTHENTICATED and by shutdown into UNAVAILABLE.
/// </summary>
internal sealed class HubCallInterceptor(
    HubCatalog catalog,
    CredentialCache cache,
    CredentialStreams streams,
    RequestRateLimiter limiter,
    IHostApplicationLifetime lifetime,
    IOptions<HubOptions> options,
    ILogger<HubCallInterceptor> logger) : Interceptor
{
    private const string BearerPrefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, () => continuation(request, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context);
            return true;
        });

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, () => continuation(requestStream, context));

    private async Task<T> RunAsync<T>(ServerCallContext context, Func<Task<T>> next)
    {
        if (!MethodRoles.TryGet(context.Method, out var roles))
        {
            return await next();
        }

        using var call = await AdmitAsync(context, roles);
        try
        {
            return await next();
        }
        catch (CatalogException e)
        {
            throw HubErrors.FromCatalog(e);
        }
        catch (DbException e)
        {
            var transient = StorageFailures.IsTransient(e);
            var status = HubErrors.Storage(transient);
            HubLog.StorageFailed(logger, context.Method, transient, status.StatusCode, e);
            throw status;
        }
        catch (OperationCanceledException) when (call.Revoked)
        {
            throw HubErrors.Revoked();
        }
        catch (OperationCanceledException) when (call.Stopping && !context.CancellationToken.IsCancellationRequested)
        {
            throw HubErrors.ShuttingDown();
        }
        catch (IOException e)
        {
            // A write raced with the client resetting the stream; nobody is left to tell.
            throw HubErrors.ClientGone(e);
        }
    }

    private async Task<HubCall> AdmitAsync(ServerCallContext context, Role[] roles)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            throw HubErrors.Unauthenticated("missing credentials: send the metadata 'authorization: Bearer <token>'");
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw HubErrors.Unauthenticated("malformed authorization: expected 'Bearer <token>'");
        }

        var principal = await cache.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), catalog.Store.Registry, context.CancellationToken)
            ?? throw HubErrors.Unauthenticated("the token is unknown, revoked or malformed");
        if (Array.IndexOf(roles, principal.Role) < 0)
        {
            throw HubErrors.PermissionDenied($"a {CatalogCodes.ToCode(principal.Role)} credential may not call {context.Method}");
        }

        var hub = options.Value;
        if (!limiter.TryAcquire(principal.CredentialId))
        {
            throw HubErrors.ResourceExhausted(string.Create(
                CultureInfo.InvariantCulture, $"more than {hub.RequestsPerSecondPerCredential} calls per second with this credential; slow down and retry"));
        }

        CredentialStreams.Lease? lease = null;
        if (MethodRoles.IsStream(context.Method))
        {
            lease = streams.TryOpen(principal.CredentialId)
                ?? throw HubErrors.ResourceExhausted($"at most {hub.MaxStreamsPerCredential} open streams per credential");
        }

        // Revoked between the lookup and the lease: the revocation may have missed this stream.
        if (cache.IsRevoked(principal.CredentialId))
        {
            lease?.Dispose();
            throw HubErrors.Revoked();
        }

        var call = new HubCall(principal, context.CancellationToken, lease?.Revoked ?? default, lifetime.ApplicationStopping, lease);
        context.UserState[typeof(HubCall)] = call;
        return call;
    }
}
