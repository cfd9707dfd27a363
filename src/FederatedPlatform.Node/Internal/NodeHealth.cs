namespace FederatedPlatform.Node.Internal;

/// <summary>The live state of the node's streams to the hub, for GetNodeStatus (the durable state is in the store).</summary>
internal sealed class NodeHealth(TimeProvider time)
{
    private readonly Lock _gate = new();
    private bool _publishConnected;
    private bool _replicaConnected;
    private string? _publishError;
    private string? _replicaError;
    private string? _stopReason;
    private DateTimeOffset? _lastContact;

    /// <summary>Pulses after every change, so tests and status pages can wait for one.</summary>
    public ChangeSignal Changed { get; } = new();

    public HealthSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new HealthSnapshot(
                _publishConnected, _replicaConnected, _stopReason is not null, _stopReason ?? _publishError ?? _replicaError ?? string.Empty, _lastContact);
        }
    }

    public void PublishConnected() => Update(() =>
    {
        _publishConnected = true;
        _publishError = null;
        _lastContact = time.GetUtcNow();
    });

    public void PublishDisconnected(string? error) => Update(() =>
    {
        _publishConnected = false;
        _publishError = error;
    });

    public void ReplicaConnected() => Update(() =>
    {
        _replicaConnected = true;
        _replicaError = null;
        _lastContact = time.GetUtcNow();
    });

    public void ReplicaDisconnected(string? error) => Update(() =>
    {
        _replicaConnected = false;
        _replicaError = error;
    });

    /// <summary>The hub answered something: an ack, a rejection, a watch event.</summary>
    public void Contact() => Update(() => _lastContact = time.GetUtcNow());

    /// <summary>A stream stopped for good; the reason stays until the process restarts.</summary>
    public void Stopped(string reason) => Update(() =>
    {
        _stopReason ??= reason;
        _publishConnected = false;
    });

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
        }

        Changed.Notify();
    }
}

/// <summary>A consistent copy of <see cref="NodeHealth"/>.</summary>
internal sealed record HealthSnapshot(bool PublishConnected, bool ReplicaConnected, bool Stopped, string LastError, DateTimeOffset? LastContact);
