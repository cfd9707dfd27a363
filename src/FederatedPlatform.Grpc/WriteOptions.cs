namespace FederatedPlatform.Grpc;

/// <summary>Flags that alter how a message is written.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>
    /// The message may be held back and sent with a later write that does not carry this flag (or with
    /// the end of the call), so that a burst of messages goes out in one flush instead of one per message.
    /// </summary>
    BufferHint = 1,
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
