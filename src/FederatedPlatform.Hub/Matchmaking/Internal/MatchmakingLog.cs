using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>Matchmaking log messages; event ids 3060–3069 (the hub's range).</summary>
internal static partial class MatchmakingLog
{
    [LoggerMessage(EventId = 3060, Level = LogLevel.Information, Message = "Matchmaking resumed at catalog seq {ProcessedSeq}, suggestion seq {SuggestionSeq}")]
    public static partial void Resumed(ILogger logger, ulong processedSeq, long suggestionSeq);

    [LoggerMessage(EventId = 3065, Level = LogLevel.Information, Message = "Matchmaking is off on this instance (Hub:Matchmaking=false): suggestions are served, not computed")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 3061, Level = LogLevel.Debug, Message = "Matchmaking processed catalog seq {FromSeq}-{ThroughSeq}: {Sources} records ranked, {Changed} suggestions changed")]
    public static partial void Processed(ILogger logger, ulong fromSeq, ulong throughSeq, int sources, int changed);

    [LoggerMessage(EventId = 3062, Level = LogLevel.Warning, Message = "Matchmaking is behind the retention horizon (processed {ProcessedSeq} < horizon {HorizonSeq}); recomputing every record")]
    public static partial void Recomputing(ILogger logger, ulong processedSeq, ulong horizonSeq);

    [LoggerMessage(EventId = 3064, Level = LogLevel.Debug, Message = "Matchmaking pass from catalog seq {ProcessedSeq} superseded: another hub instance processed it first")]
    public static partial void Superseded(ILogger logger, ulong processedSeq);

    [LoggerMessage(EventId = 3063, Level = LogLevel.Error, Message = "Matchmaking pass failed; retried at the next catalog change")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
