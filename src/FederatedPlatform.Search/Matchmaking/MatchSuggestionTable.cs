namespace FederatedPlatform.Search.Matchmaking;

/// <summary>
/// The table design for stored suggestions (the hub owns the table and the streaming RPC). One row per
/// (source, target) pair; a recomputation of a source replaces its rows in one transaction but keeps
/// the <c>state</c> columns of pairs that survive, so a "contacted" mark is not lost when scores move.
/// <c>changed_seq</c> is the catalog sequence number of the commit that last changed the row, so a
/// center can stream the suggestions that concern its records with the same cursors as Watch; the
/// index on the target lets the other center see the state too and finds the sources to recompute
/// when a target changes or is deleted.
/// </summary>
public static class MatchSuggestionTable
{
    /// <summary>State codes of <c>state</c>: what the centers did with a suggestion.</summary>
    public static IReadOnlyList<string> States { get; } = ["suggested", "contacted", "in_negotiation", "agreed", "declined"];

    /// <summary>SQLite and PostgreSQL DDL (both accept it as written).</summary>
    public const string CreateSql =
        """
        CREATE TABLE IF NOT EXISTS match_suggestions (
            source_center TEXT NOT NULL,
            source_local TEXT NOT NULL,
            target_center TEXT NOT NULL,
            target_local TEXT NOT NULL,
            source_kind INTEGER NOT NULL,
            score REAL NOT NULL,
            rank INTEGER NOT NULL,
            explanation TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'suggested',
            state_changed_by TEXT,
            state_changed_at BIGINT,
            computed_at BIGINT NOT NULL,
            changed_seq BIGINT NOT NULL,
            PRIMARY KEY (source_center, source_local, target_center, target_local)
        );
        CREATE INDEX IF NOT EXISTS match_suggestions_target ON match_suggestions (target_center, target_local);
        CREATE INDEX IF NOT EXISTS match_suggestions_changes ON match_suggestions (source_center, changed_seq);
        CREATE INDEX IF NOT EXISTS match_suggestions_target_changes ON match_suggestions (target_center, changed_seq);
        """;
}
