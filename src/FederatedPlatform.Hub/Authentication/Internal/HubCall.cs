using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// One admitted call: who is calling, and a token that ends it when the client goes away, the
/// credential is revoked or the hub shuts down. Kept in <see cref="ServerCallContext.UserState"/>.
/// </summary>
internal sealed class HubCall : IDisposable
{
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenSource _hubSide;
    private readonly CancellationToken _revoked;
    private readonly CancellationToken _stopping;
    private readonly IDisposable? _lease;

    public HubCall(Principal principal, CancellationToken call, CancellationToken revoked, CancellationToken stopping, IDisposable? lease)
    {
        Principal = principal;
        _revoked = revoked;
        _stopping = stopping;
        _lease = lease;
        _hubSide = CancellationTokenSource.CreateLinkedTokenSource(revoked, stopping);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(call, _hubSide.Token);
    }

    public Principal Principal { get; }

    /// <summary>Cancelled by the client, by revocation of the credential, or by shutdown.</summary>
    public CancellationToken CancellationToken => _linked.Token;

    /// <summary>
    /// Cancelled by revocation or shutdown only. Request-stream reads use it: the runtime already ends a
    /// read when the client goes away, and cancelling a read of a reset request stream fails.
    /// </summary>
    public CancellationToken HubCancellation => _hubSide.Token;

    public bool Revoked => _revoked.IsCancellationRequested;

    public bool Stopping => _stopping.IsCancellationRequested;

    public static HubCall Of(ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(HubCall), out var call) && call is HubCall hubCall
            ? hubCall
            : throw new InvalidOperationException($"{context.Method} ran without the hub's call interceptor.");

    /// <summary>
    /// The record as this caller may see it: operators and the owning center get the contact, everyone
    /// else a copy without it. The argument is never changed (fan-out shares it between watchers).
    /// </summary>
    public Record Visible(Record record)
    {
        if (SeesContact(record))
        {
            return record;
        }

        var copy = record.Clone();
        copy.Contact = null;
        return copy;
    }

    /// <summary>True when <see cref="Visible"/> returns the record itself (nothing to hide from this caller).</summary>
    public bool SeesContact(Record record) =>
        record.Contact is null || Principal.Role == Role.Operator
        || (Principal.Role == Role.Center && string.Equals(record.Id?.CenterId, Principal.CenterId, StringComparison.Ordinal));

    public void Dispose()
    {
        _linked.Dispose();
        _hubSide.Dispose();
        _lease?.Dispose();
    }
}
