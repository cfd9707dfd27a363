using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Catalog;

/// <summary>
/// The lowercase text codes of the controlled vocabularies (used by seeds/, CSV/JSON import and the
/// CLI): the proto value name without its type prefix, e.g. <c>SECTOR_WATER_SAVING</c> ↔ <c>water_saving</c>.
/// </summary>
public static class CatalogCodes
{
    private static readonly ConcurrentDictionary<Type, Vocabulary> Vocabularies = new();

    /// <summary>The text code of a value, e.g. <c>water_saving</c>; null for UNSPECIFIED or undefined values.</summary>
    public static string? ToCode<T>(T value)
        where T : struct, Enum =>
        Get(typeof(T)).Codes.TryGetValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), out var code)
            ? code
            : null;

    /// <summary>Parses a text code (case-insensitive); UNSPECIFIED is never returned.</summary>
    public static bool TryParse<T>(string code, out T value)
        where T : struct, Enum
    {
        if (Get(typeof(T)).Values.TryGetValue(code, out var number))
        {
            value = (T)Enum.ToObject(typeof(T), number);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every code of the vocabulary in declaration order, e.g. for help texts.</summary>
    public static IReadOnlyList<string> AllCodes<T>()
        where T : struct, Enum => Get(typeof(T)).Ordered;

    private static Vocabulary Get(Type type) => Vocabularies.GetOrAdd(type, static t => new Vocabulary(t));

    private sealed class Vocabulary
    {
        public Vocabulary(Type type)
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Number: Convert.ToInt32(f.GetValue(null), System.Globalization.CultureInfo.InvariantCulture),
                    Name: f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name))
                .OrderBy(f => f.Number)
                .ToList();

            // Every fedplat enum starts with <PREFIX>_UNSPECIFIED = 0, which names the prefix to strip.
            var zero = names.FirstOrDefault(n => n.Number == 0).Name ?? string.Empty;
            var prefix = zero.EndsWith("UNSPECIFIED", StringComparison.Ordinal) ? zero[..^"UNSPECIFIED".Length] : string.Empty;
            var codes = names.Where(n => n.Number != 0)
                .ToDictionary(n => n.Number, n => n.Name[(n.Name.StartsWith(prefix, StringComparison.Ordinal) ? prefix.Length : 0)..].ToLowerInvariant());
            Codes = codes.ToFrozenDictionary();
            Values = codes.ToFrozenDictionary(e => e.Value, e => e.Key, StringComparer.OrdinalIgnoreCase);
            Ordered = [.. names.Where(n => n.Number != 0).Select(n => codes[n.Number])];
        }

        public FrozenDictionary<int, string> Codes { get; }

        public FrozenDictionary<string, int> Values { get; }

        public IReadOnlyList<string> Ordered { get; }
    }
}
