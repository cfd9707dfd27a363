namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// Hands out catalog sequence numbers.
/// <para>
/// Numbers come from one counter row (<c>hub_state.catalog_seq</c>) that the applying transaction
/// increments with <c>UPDATE … SET catalog_seq = catalog_seq + n RETURNING catalog_seq</c>. The UPDATE
/// write-locks the row until the transaction ends, so with any number of writers (several hub
/// instances on one PostgreSQL database included):
/// </para>
/// <list type="bullet">
/// <item>gap-free — a transaction that rolls back undoes its increment, and the next writer, which
///   was waiting on the row lock, continues from the committed value (a database SEQUENCE would
///   instead leave holes on rollback);</item>
/// <item>in commit order — the writer holding numbers up to N commits before any other writer can
///   read the counter, so no reader ever sees N+1 committed while N is still pending, and "every
///   change after cursor C" never skips a change that commits late.</item>
/// </list>
/// <para>
/// Writers take the counter last, after their center row and their reads, to hold it only for the
/// inserts and the commit; every writer locks center row before counter, so they cannot deadlock.
/// On SQLite the file-level write lock gives the same guarantees; the statement is the same.
/// </para>
/// <para>
/// Why not lock the counter at the start of every writing transaction (<c>SELECT … FOR UPDATE</c>)?
/// It would serialise whole transactions, reads and validation included. Taking it last gives the
/// same two properties, because everything a writer read before it is protected by its center row
/// lock (only that center's streams write that center's rows), and retention (<see cref="Compactor"/>)
/// takes the counter row first, before it deletes anything.
/// </para>
/// <para>
/// The allocation also announces the commit to other hub instances (PostgreSQL NOTIFY, which is
/// delivered only when the transaction commits), so their watchers wake without polling.
/// </para>
/// </summary>
internal static class CatalogSequence
{
    /// <summary>Reserves <paramref name="count"/> numbers; returns the first.</summary>
    public static async Task<ulong> AllocateAsync(WriteSession session, int count, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "UPDATE hub_state SET catalog_seq = catalog_seq + @n WHERE id = 1 RETURNING catalog_seq");
        command.Parameter("@n", (long)count);
        var last = await command.ScalarInt64Async(cancellationToken);
        await session.Provider.AnnounceCommitAsync(session, (ulong)last, cancellationToken);
        return (ulong)(last - count + 1);
    }
}
