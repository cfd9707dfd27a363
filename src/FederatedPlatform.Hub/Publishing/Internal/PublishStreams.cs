using FederatedPlatform.Hub.Internal;

namespace FederatedPlatform.Hub.Publishing.Internal;

/// <summary>
/// The Publish streams open on this hub, one per center: a newer hello replaces (aborts) the older
/// stream of its center, federation health asks who is connected, and an operator's resync request
/// reaches the connected stream at once.
/// </summary>
internal sealed class PublishStreams
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PublishRegistration> _current = new(StringComparer.Ordinal);

    /// <summary>Makes this stream the center's current one, aborting any other.</summary>
    /// <exception cref="Grpc.RpcException">FAILED_PRECONDITION when a newer epoch is already connected.</exception>
    public PublishRegistration Register(string centerId, ulong epoch)
    {
        PublishRegistration? replaced;
        PublishRegistration registration;
        lock (_lock)
        {
            if (_current.TryGetValue(centerId, out replaced) && replaced.Epoch > epoch)
            {
                throw HubErrors.FailedPrecondition(
                    $"producer epoch {epoch} of center {centerId} is fenced off: epoch {replaced.Epoch} is connected");
            }

            registration = new PublishRegistration(this, centerId, epoch);
            _current[centerId] = registration;
        }

        replaced?.Abort(epoch);
        return registration;
    }

    public bool IsConnected(string centerId)
    {
        lock (_lock)
        {
            return _current.ContainsKey(centerId);
        }
    }

    /// <summary>Passes an operator's resync request to the center's open stream; false when none is open.</summary>
    public bool RequestResync(string centerId, string reason)
    {
        PublishRegistration? registration;
        lock (_lock)
        {
            _current.TryGetValue(centerId, out registration);
        }

        registration?.SignalResync(reason);
        return registration is not null;
    }

    internal void Unregister(PublishRegistration registration)
    {
        lock (_lock)
        {
            if (_current.TryGetValue(registration.CenterId, out var current) && ReferenceEquals(current, registration))
            {
                _current.Remove(registration.CenterId);
            }
        }
    }
}
