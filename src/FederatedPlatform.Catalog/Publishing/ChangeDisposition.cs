namespace FederatedPlatform.Catalog.Publishing;

/// <summary>What the hub did with one published change.</summary>
public enum ChangeDisposition
{
    /// <summary>Written: the record and a change-log entry at a new catalog sequence number.</summary>
    Applied,

    /// <summary>Its node sequence number was already applied; dropped and acknowledged again.</summary>
    Duplicate,

    /// <summary>Its version is not above the stored one (a replay); nothing written, seq consumed.</summary>
    Stale,

    /// <summary>Invalid or another center's record; nothing written, seq consumed, rejection sent.</summary>
    Rejected,
}
