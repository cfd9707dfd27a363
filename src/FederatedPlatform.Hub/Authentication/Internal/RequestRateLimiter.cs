using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// A token bucket per credential: <see cref="HubOptions.RequestsPerSecondPerCredential"/> sustained,
/// <see cref="HubOptions.RequestBurstPerCredential"/> in a burst. Every call, unary or stream, takes one token.
/// </summary>
internal sealed class RequestRateLimiter(IOptions<HubOptions> options, TimeProvider time)
{
    private readonly double _rate = options.Value.RequestsPerSecondPerCredential;
    private readonly double _burst = options.Value.RequestBurstPerCredential;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string credentialId)
    {
        var now = time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(credentialId, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _rate));
                bucket.Stamp = now;
            }

            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; set; } = stamp;
    }
}
