namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// Group commit for the publish intake: batches that several streams submit while the writer is busy
/// are applied one after the other in <b>one</b> transaction and made durable by one commit (one WAL
/// sync instead of one per stream); each submitter's task completes only after that commit, so an
/// acknowledgement still never precedes durability.
/// <para>
/// Each part keeps its own catalog numbers and commit boundary (<c>commit_end</c>), exactly as if it had
/// committed alone, so watchers see the same commits. A part refused by the catalog rules (a fenced
/// epoch, a resync in progress) must not take the others down: the transaction is rolled back and run
/// again without it, and only that part's submitter gets the error. Any other failure fails the group.
/// </para>
/// </summary>
/// <typeparam name="TResult">What applying one part returns.</typeparam>
internal sealed class GroupCommitter<TResult>(IStorageProvider provider, int maxParts)
{
    private readonly Lock _lock = new();
    private List<Pending> _queue = [];
    private bool _draining;

    /// <summary>Applies <paramref name="apply"/> inside a shared transaction; completes after the commit.</summary>
    /// <param name="apply">Runs inside the transaction; must be repeatable (it may run again after a rollback).</param>
    /// <param name="cancellationToken">Cancels the wait; once the part is in a running transaction it is committed anyway.</param>
    public Task<TResult> SubmitAsync(Func<WriteSession, Task<TResult>> apply, CancellationToken cancellationToken)
    {
        var pending = new Pending(apply, cancellationToken);
        bool start;
        lock (_lock)
        {
            _queue.Add(pending);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return pending.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }

                if (_queue.Count <= maxParts)
                {
                    group = _queue;
                    _queue = [];
                }
                else
                {
                    group = _queue[..maxParts];
                    _queue.RemoveRange(0, maxParts);
                }
            }

            await RunAsync(group);
        }
    }

    private async Task RunAsync(List<Pending> group)
    {
        var live = group.Where(p => !p.IsCancelled).ToList();
        while (live.Count > 0)
        {
            var results = new TResult[live.Count];
            Pending? refused = null;
            CatalogException? reason = null;
            try
            {
                await using var session = await WriteSession.BeginAsync(provider, CancellationToken.None);
                for (var i = 0; i < live.Count && refused is null; i++)
                {
                    try
                    {
                        results[i] = await live[i].Apply(session);
                    }
                    catch (CatalogException e)
                    {
                        (refused, reason) = (live[i], e);
                    }
                }

                if (refused is null)
                {
                    await session.CommitAsync(CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in live)
                {
                    pending.Completion.TrySetException(e);
                }

                return;
            }

            if (refused is null)
            {
                for (var i = 0; i < live.Count; i++)
                {
                    live[i].Completion.TrySetResult(results[i]);
                }

                return;
            }

            // Rolled back (the session was disposed uncommitted): again, without the refused part.
            refused.Completion.TrySetException(reason!);
            live.Remove(refused);
        }
    }

    private sealed class Pending(Func<WriteSession, Task<TResult>> apply, CancellationToken cancellationToken)
    {
        public Func<WriteSession, Task<TResult>> Apply { get; } = apply;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsCancelled => cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);
    }
}
