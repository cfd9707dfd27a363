namespace FederatedPlatform.Catalog.Cursors;

/// <summary>The outcome of decoding a cursor; <see cref="Seq"/> is meaningful only when <see cref="Status"/> is <see cref="CursorStatus.Ok"/>.</summary>
public readonly record struct CursorDecodeResult(CursorStatus Status, ulong Seq)
{
    /// <summary>True when the watcher can resume after <see cref="Seq"/>.</summary>
    public bool IsOk => Status == CursorStatus.Ok;
}
