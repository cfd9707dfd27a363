using System.Collections;
using System.Text;

namespace FederatedPlatform.Grpc;

/// <summary>
/// Call metadata: request headers, response headers or trailers. Keys are lowercase ASCII; keys that end
/// in <c>-bin</c> carry binary values (base64 on the wire), all others printable ASCII strings.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary-valued key.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>The one <c>grpc-</c> key applications may set: a serialized <c>google.rpc.Status</c> with error details.</summary>
    public const string StatusDetailsKey = "grpc-status-details-bin";

    private readonly List<Entry> _entries = [];

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new() { IsReadOnly = true };

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly { get; private set; }

    /// <inheritdoc />
    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            EnsureWritable();
            _entries[index] = value;
        }
    }

    /// <summary>Adds a string entry.</summary>
    public void Add(string key, string value) => Add(new Entry(key, value));

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    /// <inheritdoc />
    public void Add(Entry item)
    {
        EnsureWritable();
        _entries.Add(item);
    }

    /// <summary>The last entry with the given key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>The string value of the last entry with the given key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last binary entry with the given key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>All entries with the given key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public void Clear()
    {
        EnsureWritable();
        _entries.Clear();
    }

    /// <inheritdoc />
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <inheritdoc />
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc />
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, Entry item)
    {
        EnsureWritable();
        _entries.Insert(index, item);
    }

    /// <inheritdoc />
    public bool Remove(Entry item)
    {
        EnsureWritable();
        return _entries.Remove(item);
    }

    /// <inheritdoc />
    public void RemoveAt(int index)
    {
        EnsureWritable();
        _entries.RemoveAt(index);
    }

    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>Creates a string entry.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' is binary; pass a byte[] value.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value for '{Key}' must be printable ASCII.", nameof(value));
                }
            }
            _value = value;
        }

        /// <summary>Creates a binary entry.</summary>
        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' must end in '{BinaryHeaderSuffix}' to carry bytes.", nameof(key));
            }
            _valueBytes = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        /// <summary>The lowercase key.</summary>
        public string Key { get; }

        /// <summary>True when the key ends in <c>-bin</c>.</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The string value; for a binary entry, throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; use ValueBytes.");

        /// <summary>The bytes; for a string entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        /// <inheritdoc />
        public override string ToString() =>
            IsBinary ? $"[Entry: key={Key}, valueBytes={_valueBytes!.Length} bytes]" : $"[Entry: key={Key}, value={_value}]";

        /// <summary>True when a key carries a binary value.</summary>
        public static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' contains an invalid character.", nameof(key));
                }
            }
            if (normalized.StartsWith("grpc-", StringComparison.Ordinal) && normalized != StatusDetailsKey)
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved for gRPC.", nameof(key));
            }
            return normalized;
        }
    }
}
