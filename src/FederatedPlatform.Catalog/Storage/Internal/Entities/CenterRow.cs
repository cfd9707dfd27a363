namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>A registered center and its publishing state at the hub.</summary>
internal sealed class CenterRow
{
    public string CenterId { get; set; } = string.Empty;

    /// <summary>Display names, a JSON object of language tag to text.</summary>
    public string NamesJson { get; set; } = "{}";

    public string Country { get; set; } = string.Empty;

    public long RegisteredAt { get; set; }

    /// <summary>Highest producer epoch that said hello; lower epochs are fenced off.</summary>
    public long ProducerEpoch { get; set; }

    /// <summary>Highest node sequence number durably applied (or rejected, or deduplicated).</summary>
    public long AppliedSeq { get; set; }

    /// <summary>Highest node sequence number the node said it has written (for lag).</summary>
    public long ReportedSeq { get; set; }

    public long RejectedCount { get; set; }

    public long? LastSeen { get; set; }

    /// <summary>A resync has begun and its records are being staged.</summary>
    public bool ResyncActive { get; set; }

    /// <summary>An operator (or the hub) asked the node for a resync.</summary>
    public bool ResyncRequested { get; set; }

    public string? ResyncReason { get; set; }
}
