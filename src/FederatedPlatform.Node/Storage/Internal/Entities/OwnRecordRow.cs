namespace FederatedPlatform.Node.Storage.Internal.Entities;

/// <summary>The current version of one of the center's own records, or its tombstone (kept forever: ids are never reused).</summary>
internal sealed class OwnRecordRow
{
    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }

    public bool Deleted { get; set; }

    public int Kind { get; set; }

    public int Sector { get; set; }

    public string Country { get; set; } = string.Empty;

    /// <summary>The whole record (tombstone included) as protobuf bytes: the content has one home.</summary>
    public byte[] Payload { get; set; } = [];
}
