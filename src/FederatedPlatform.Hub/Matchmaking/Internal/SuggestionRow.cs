using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>One row of <c>match_suggestions</c>, as the loop and the service handle it.</summary>
internal sealed class SuggestionRow
{
    // Shared terms are stored joined by a separator no analysed or written term contains.
    private const char TermSeparator = '\u001f';

    public required PairKey Key { get; init; }

    public double? NeedScore { get; set; }

    public double? AchievementScore { get; set; }

    public double Score { get; set; }

    public string Explanation { get; set; } = string.Empty;

    public IReadOnlyList<string> SharedTerms { get; set; } = [];

    public string NeedTitle { get; set; } = string.Empty;

    public string AchievementTitle { get; set; } = string.Empty;

    public SuggestionState State { get; set; } = SuggestionState.Suggested;

    public string StateChangedBy { get; set; } = string.Empty;

    public long StateChangedAt { get; set; }

    public bool Withdrawn { get; set; }

    public long UpdatedAt { get; set; }

    public long Seq { get; set; }

    public static SuggestionRow Read(DbDataReader reader) => new()
    {
        Key = new PairKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        NeedScore = reader.IsDBNull(4) ? null : reader.GetDouble(4),
        AchievementScore = reader.IsDBNull(5) ? null : reader.GetDouble(5),
        Score = reader.GetDouble(6),
        Explanation = reader.GetString(7),
        SharedTerms = reader.GetString(8) is { Length: > 0 } terms ? terms.Split(TermSeparator) : [],
        NeedTitle = reader.GetString(9),
        AchievementTitle = reader.GetString(10),
        State = (SuggestionState)reader.GetInt32(11),
        StateChangedBy = reader.GetString(12),
        StateChangedAt = reader.GetInt64(13),
        Withdrawn = reader.GetBoolean(14),
        UpdatedAt = reader.GetInt64(15),
        Seq = reader.GetInt64(16),
    };

    /// <summary>Parameters in <see cref="MatchmakingSchema.Columns"/> order.</summary>
    public object[] Values() =>
    [
        Key.NeedCenter, Key.NeedLocal, Key.AchievementCenter, Key.AchievementLocal,
        NeedScore is { } n ? n : DBNull.Value, AchievementScore is { } a ? a : DBNull.Value, Score, Explanation,
        string.Join(TermSeparator, SharedTerms), NeedTitle, AchievementTitle, (int)State, StateChangedBy, StateChangedAt,
        Withdrawn, UpdatedAt, Seq,
    ];

    public SuggestionRow Copy() => (SuggestionRow)MemberwiseClone();

    public bool SameContent(SuggestionRow other) =>
        NeedScore == other.NeedScore && AchievementScore == other.AchievementScore && Score.Equals(other.Score)
        && Explanation == other.Explanation && SharedTerms.SequenceEqual(other.SharedTerms) && NeedTitle == other.NeedTitle
        && AchievementTitle == other.AchievementTitle && State == other.State && Withdrawn == other.Withdrawn;

    public Suggestion ToMessage()
    {
        var message = new Suggestion
        {
            Need = new RecordId { CenterId = Key.NeedCenter, LocalId = Key.NeedLocal },
            Achievement = new RecordId { CenterId = Key.AchievementCenter, LocalId = Key.AchievementLocal },
            Score = Score,
            Explanation = Explanation,
            State = State,
            StateChangedBy = StateChangedBy,
            Withdrawn = Withdrawn,
            NeedTitle = NeedTitle,
            AchievementTitle = AchievementTitle,
            UpdatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt)),
        };
        message.SharedTerms.AddRange(SharedTerms);
        if (StateChangedAt > 0)
        {
            message.StateChangedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(StateChangedAt));
        }

        return message;
    }
}

/// <summary>A (need, achievement) pair.</summary>
internal readonly record struct PairKey(string NeedCenter, string NeedLocal, string AchievementCenter, string AchievementLocal)
{
    public RecordKey Need => new(NeedCenter, NeedLocal);

    public RecordKey Achievement => new(AchievementCenter, AchievementLocal);
}

/// <summary>A record's identity.</summary>
internal readonly record struct RecordKey(string CenterId, string LocalId)
{
    public static RecordKey Of(RecordId id) => new(id.CenterId, id.LocalId);
}
