namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>
/// The matchmaking tables, beside the catalog in its database (SQL that SQLite and PostgreSQL both accept).
/// <c>match_suggestions</c> holds one row per (need, achievement) pair that either side ranks, or once
/// ranked: <c>need_score</c> is set while the need's own list holds the achievement, <c>achievement_score</c>
/// while the achievement's list holds the need; a pair neither ranks is withdrawn, never deleted, so its
/// state (contacted, agreed …) survives. <c>seq</c> is the suggestion change number, gap-free in the
/// order the rows changed (WatchSuggestions cursors). <c>match_state</c> holds the catalog seq the loop
/// has processed, so a restart resumes there.
/// </summary>
internal static class MatchmakingSchema
{
    public const string Create =
        """
        CREATE TABLE IF NOT EXISTS match_suggestions (
            need_center TEXT NOT NULL,
            need_local TEXT NOT NULL,
            achievement_center TEXT NOT NULL,
            achievement_local TEXT NOT NULL,
            need_score DOUBLE PRECISION,
            achievement_score DOUBLE PRECISION,
            score DOUBLE PRECISION NOT NULL,
            explanation TEXT NOT NULL,
            shared_terms TEXT NOT NULL,
            need_title TEXT NOT NULL,
            achievement_title TEXT NOT NULL,
            state INTEGER NOT NULL,
            state_changed_by TEXT NOT NULL,
            state_changed_at BIGINT NOT NULL,
            withdrawn BOOLEAN NOT NULL,
            updated_at BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            PRIMARY KEY (need_center, need_local, achievement_center, achievement_local)
        );
        CREATE INDEX IF NOT EXISTS match_suggestions_achievement ON match_suggestions (achievement_center, achievement_local);
        CREATE UNIQUE INDEX IF NOT EXISTS match_suggestions_seq ON match_suggestions (seq);
        CREATE TABLE IF NOT EXISTS match_state (
            id INTEGER NOT NULL PRIMARY KEY,
            processed_seq BIGINT NOT NULL,
            suggestion_seq BIGINT NOT NULL
        );
        INSERT INTO match_state (id, processed_seq, suggestion_seq) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
        """;

    public const string Columns =
        """
        need_center, need_local, achievement_center, achievement_local, need_score, achievement_score, score, explanation,
        shared_terms, need_title, achievement_title, state, state_changed_by, state_changed_at, withdrawn, updated_at, seq
        """;
}
