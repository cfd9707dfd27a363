namespace FederatedPlatform.Grpc;

/// <summary>Flags that alter how a message is written.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Send this message uncompressed even when the call compresses.</summary>
    NoCompress = 2,
}

/// <summary>Options for writing messages.</summary>
public sealed class WriteOptions
{
    /// <summary>Default options.</summary>
    public static readonly WriteOptions Default = new();

    /// <summary>Creates write options.</summary>
    public WriteOptions(WriteFlags flags = WriteFlags.None) => Flags = flags;

    /// <summary>The write flags.</summary>
    public WriteFlags Flags { get; }
}
