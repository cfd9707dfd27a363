using System.Collections.Concurrent;
using FederatedPlatform.Catalog.Registry;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// Remembers verified tokens for <see cref="HubOptions.CredentialCacheDuration"/>, so a busy client
/// costs one database read per period instead of one per call. Failures are not cached.
/// Revocation through this hub evicts at once and is remembered for the process's lifetime, so a
/// token verified a moment before it was revoked is refused too; revocations made through another
/// hub instance on the same database take effect when the entry expires.
/// </summary>
internal sealed class CredentialCache(IOptions<HubOptions> options, TimeProvider time)
{
    // Enough for every credential of a large federation; beyond it the cache is rebuilt from scratch.
    private const int MaxEntries = 10_000;

    private readonly TimeSpan _duration = options.Value.CredentialCacheDuration;
    private readonly ConcurrentDictionary<string, Entry> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    public async ValueTask<Principal?> AuthenticateAsync(string token, ICenterRegistry registry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_byToken.TryGetValue(token, out var entry) && entry.Expires > now && !IsRevoked(entry.Principal.CredentialId))
        {
            return entry.Principal;
        }

        var principal = await registry.AuthenticateAsync(token, cancellationToken);
        if (principal is null || IsRevoked(principal.CredentialId))
        {
            _byToken.TryRemove(token, out _);
            return null;
        }

        if (_duration > TimeSpan.Zero)
        {
            if (_byToken.Count >= MaxEntries)
            {
                Prune(now);
            }

            _byToken[token] = new Entry(principal, now + _duration);
        }

        return principal;
    }

    /// <summary>Forgets the credential's tokens and refuses them from now on.</summary>
    public void Revoke(string credentialId)
    {
        _revoked.TryAdd(credentialId, 0);
        foreach (var (token, entry) in _byToken)
        {
            if (entry.Principal.CredentialId == credentialId)
            {
                _byToken.TryRemove(token, out _);
            }
        }
    }

    public bool IsRevoked(string credentialId) => _revoked.ContainsKey(credentialId);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (token, entry) in _byToken)
        {
            if (entry.Expires <= now)
            {
                _byToken.TryRemove(token, out _);
            }
        }

        if (_byToken.Count >= MaxEntries)
        {
            _byToken.Clear();
        }
    }

    private readonly record struct Entry(Principal Principal, DateTimeOffset Expires);
}
