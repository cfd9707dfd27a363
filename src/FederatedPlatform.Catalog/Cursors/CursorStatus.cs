namespace FederatedPlatform.Catalog.Cursors;

/// <summary>How a cursor presented by a watcher relates to this hub and its filter.</summary>
public enum CursorStatus
{
    /// <summary>Issued by this hub database for this filter and still resumable.</summary>
    Ok,

    /// <summary>Not a cursor this hub issued: malformed, truncated or altered (HMAC mismatch).</summary>
    Tampered,

    /// <summary>Issued by another hub database, i.e. the catalog was replaced.</summary>
    OtherEpoch,

    /// <summary>Issued by this database but beyond its head: the database was restored from an older backup.</summary>
    AheadOfHead,

    /// <summary>Issued for another filter.</summary>
    OtherFilter,

    /// <summary>Its position is below the retention horizon; the changes after it are gone.</summary>
    TooOld,
}
