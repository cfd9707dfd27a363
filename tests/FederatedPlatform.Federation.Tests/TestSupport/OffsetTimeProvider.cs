namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// The system clock plus an offset the test can move forward. Timers run in real time, and a timer
/// whose due time the clock jumps past in <see cref="Advance"/> fires then (once, like a real timer
/// after a long suspend), so hourly loops such as retention react to an advanced clock without a
/// fake clock stalling everything else.
/// </summary>
public sealed class OffsetTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<OffsetTimer> _timers = [];
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)((Int128)Offset.Ticks * System.TimestampFrequency / TimeSpan.TicksPerSecond);

    public override long TimestampFrequency => System.TimestampFrequency;

    private TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new OffsetTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and fires, on this thread, the timers it jumped past.</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        OffsetTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.FireIfDue();
        }
    }

    private void Remove(OffsetTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class OffsetTimer : ITimer
    {
        private readonly OffsetTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _inner;
        private readonly Lock _lock = new();
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public OffsetTimer(OffsetTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
            _inner = System.CreateTimer(static s => ((OffsetTimer)s!).Fire(fromAdvance: false), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                Schedule(dueTime, period);
            }

            return true;
        }

        public void FireIfDue() => Fire(fromAdvance: true);

        public void Dispose()
        {
            lock (_lock)
            {
                _due = null;
            }

            _inner.Dispose();
            _owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire(bool fromAdvance)
        {
            lock (_lock)
            {
                // The real timer may run a moment before the offset clock reads its due time.
                var now = _owner.GetUtcNow();
                if (_due is not { } due || (fromAdvance ? now < due : now < due - TimeSpan.FromMilliseconds(50)))
                {
                    return;
                }

                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    Schedule(_period, _period);
                }
                else
                {
                    Schedule(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }

            _callback(_state);
        }

        private void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _due = null;
                _inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _due = _owner.GetUtcNow() + dueTime;
                _inner.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
