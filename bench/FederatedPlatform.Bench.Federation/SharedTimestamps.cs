using System.IO.MemoryMappedFiles;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// Two arrays of <see cref="System.Diagnostics.Stopwatch"/> timestamps (CLOCK_MONOTONIC, the same clock in every
/// process of the machine) in a file mapped by the fan-out's publisher process and the watchers' process: when
/// change i was written, and when its ack arrived. The publisher writes each entry before the change (or the
/// next write) goes on the wire, so a watcher that has the change can read its send time.
/// </summary>
public sealed unsafe class SharedTimestamps : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long* _entries;
    private readonly int _count;

    private SharedTimestamps(MemoryMappedFile file, int count)
    {
        _file = file;
        _count = count;
        _view = file.CreateViewAccessor(0, (long)count * 2 * sizeof(long));
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _entries = (long*)(pointer + _view.PointerOffset);
    }

    /// <summary>Creates the file (zeroed) for <paramref name="count"/> changes.</summary>
    public static SharedTimestamps Create(string path, int count) =>
        new(MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, (long)count * 2 * sizeof(long)), count);

    /// <summary>Maps a file made by <see cref="Create"/>.</summary>
    public static SharedTimestamps Open(string path, int count) =>
        new(MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, (long)count * 2 * sizeof(long)), count);

    public long Sent(int i) => Volatile.Read(ref Entry(i));

    public void SetSent(int i, long timestamp) => Volatile.Write(ref Entry(i), timestamp);

    public long Acked(int i) => Volatile.Read(ref Entry(_count + i));

    public void SetAcked(int i, long timestamp) => Volatile.Write(ref Entry(_count + i), timestamp);

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private ref long Entry(int index) =>
        ref (uint)index < (uint)(_count * 2) ? ref _entries[index] : ref ThrowOutOfRange(index);

    private static ref long ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "no such change");
}
