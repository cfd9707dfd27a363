using System.Globalization;

namespace FederatedPlatform.Bench.Federation;

/// <summary><c>--key value</c> options after the subcommand; unknown keys are an error, so a typo never runs the defaults silently.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{list[i]}' (options are --key value)");
            }

            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[list[i][2..]] = hasValue ? list[++i] : "true";
        }
    }

    public int Int(string key, int fallback) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? String(string key) => Get(key);

    /// <summary>A switch: <c>--key</c> alone (or <c>--key true</c>).</summary>
    public bool Flag(string key) => Get(key) is { } v && bool.Parse(v);

    /// <summary>Call after reading every option.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(k => "--" + k)));
        }
    }

    private string? Get(string key)
    {
        _used.Add(key);
        return _values.TryGetValue(key, out var v) ? v : null;
    }
}
