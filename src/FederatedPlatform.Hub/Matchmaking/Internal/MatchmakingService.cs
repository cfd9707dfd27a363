using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>Matchmaking.ListSuggestions, WatchSuggestions and MarkSuggestion over the loop's tables.</summary>
internal sealed class MatchmakingService(HubCatalog catalog, SuggestionSignal signal, TimeProvider time)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;
    private const int WatchBatch = 500;

    public async Task<ListSuggestionsResponse> ListSuggestionsAsync(ListSuggestionsRequest request, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        EnsureCenter(call, request.CenterId);
        if (request.LocalId.Length > 0 && catalog.Store.Validator.CheckLocalId(request.LocalId) is { } reason)
        {
            throw HubErrors.InvalidArgument("local_id", reason);
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw HubErrors.InvalidArgument("page_size", $"must be 1-{MaxPageSize} (0 means {DefaultPageSize})");
        }

        SuggestionPageToken? after = null;
        if (request.PageToken.Length > 0)
        {
            if (!SuggestionPageToken.TryParse(request.PageToken, out var token))
            {
                throw HubErrors.InvalidArgument("page_token", "not a page token of this listing");
            }

            after = token;
        }

        var rows = await catalog.Store.ReadAsync(
            (connection, transaction, cancellationToken) => SuggestionStore.ListAsync(
                connection, transaction, request.CenterId, request.LocalId, request.IncludeWithdrawn, after, pageSize + 1, cancellationToken),
            call.CancellationToken);
        var response = new ListSuggestionsResponse();
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            response.NextPageToken = SuggestionPageToken.Of(rows[^1]).ToToken();
        }

        response.Suggestions.AddRange(rows.Select(r => r.ToMessage()));
        return response;
    }

    public async Task WatchSuggestionsAsync(WatchSuggestionsRequest request, IServerStreamWriter<SuggestionEvent> responses, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        EnsureCenter(call, request.CenterId);
        long position = 0;
        var initial = request.Cursor.Length == 0;
        if (!initial && !TryParseCursor(request.Cursor, out position))
        {
            throw HubErrors.InvalidArgument("cursor", "not a cursor of WatchSuggestions");
        }

        var cancellationToken = call.CancellationToken;
        try
        {
            if (initial)
            {
                // Every current suggestion, read in one snapshot, then the marker at that snapshot's head.
                var head = signal.Head;
                position = await SendAsync(request.CenterId, 0, head, currentOnly: true, responses, cancellationToken);
                position = head;
                await responses.WriteAsync(new SuggestionEvent { CaughtUp = new CaughtUp(), Cursor = Cursor(position) }, cancellationToken);
            }

            while (true)
            {
                await signal.WaitBeyondAsync(position, cancellationToken);
                var head = signal.Head;
                await SendAsync(request.CenterId, position, head, currentOnly: false, responses, cancellationToken);
                position = head;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (call.Revoked)
            {
                throw HubErrors.Revoked();
            }

            if (call.Stopping)
            {
                throw HubErrors.ShuttingDown();
            }
        }
    }

    public async Task<Suggestion> MarkSuggestionAsync(MarkSuggestionRequest request, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        var need = CheckId(request.Need, "need");
        var achievement = CheckId(request.Achievement, "achievement");
        if (request.State == SuggestionState.Unspecified || !Enum.IsDefined(request.State))
        {
            throw HubErrors.InvalidArgument("state", "required: suggested, contacted, in_negotiation, agreed or declined");
        }

        var principal = call.Principal;
        if (principal.Role == Role.Center && principal.CenterId != need.CenterId && principal.CenterId != achievement.CenterId)
        {
            throw HubErrors.PermissionDenied($"center {principal.CenterId} may mark only suggestions that concern its own records");
        }

        var key = new PairKey(need.CenterId, need.LocalId, achievement.CenterId, achievement.LocalId);
        var row = await catalog.Store.WriteAsync(
            async (transaction, cancellationToken) =>
            {
                // Taken first, so the row and the suggestion seq read next cannot change under the matchmaking loop (on PostgreSQL).
                await SuggestionStore.LockStateAsync(transaction, cancellationToken);
                var row = await SuggestionStore.LoadAsync(transaction, key, cancellationToken)
                    ?? throw HubErrors.NotFound($"no suggestion pairs need {need.CenterId}/{need.LocalId} with achievement {achievement.CenterId}/{achievement.LocalId}");
                if (row.Withdrawn)
                {
                    throw HubErrors.FailedPrecondition("the suggestion was withdrawn: one of the records closed, was deleted or no longer matches");
                }

                if (row.State == request.State)
                {
                    return row;
                }

                var (processed, head) = await SuggestionStore.ReadStateAsync(transaction, cancellationToken);
                row.State = request.State;
                row.StateChangedBy = principal.Role == Role.Center ? principal.CenterId! : "operator";
                row.StateChangedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
                row.UpdatedAt = row.StateChangedAt;
                row.Seq = head + 1;
                await SuggestionStore.WriteAsync(transaction, [row], cancellationToken);
                await SuggestionStore.SaveStateAsync(transaction, processed, row.Seq, cancellationToken);
                return row;
            },
            call.CancellationToken);
        signal.Advance(row.Seq);
        return row.ToMessage();
    }

    private async Task<long> SendAsync(
        string centerId, long after, long through, bool currentOnly, IServerStreamWriter<SuggestionEvent> responses, CancellationToken cancellationToken)
    {
        while (after < through)
        {
            var from = after;
            var rows = await catalog.Store.ReadAsync(
                (_, transaction, token) => SuggestionStore.ChangesAsync(transaction, centerId, from, through, currentOnly, WatchBatch, token),
                cancellationToken);
            foreach (var row in rows)
            {
                await responses.WriteAsync(new SuggestionEvent { Suggestion = row.ToMessage(), Cursor = Cursor(row.Seq) }, cancellationToken);
            }

            after = rows.Count < WatchBatch ? through : rows[^1].Seq;
        }

        return after;
    }

    private static void EnsureCenter(HubCall call, string centerId)
    {
        if (centerId.Length == 0)
        {
            throw HubErrors.InvalidArgument("center_id", "required");
        }

        if (call.Principal.Role == Role.Center && call.Principal.CenterId != centerId)
        {
            throw HubErrors.PermissionDenied($"center {call.Principal.CenterId} may see only its own suggestions, not those of {centerId}");
        }
    }

    private RecordId CheckId(RecordId? id, string field)
    {
        if (id is null)
        {
            throw HubErrors.InvalidArgument(field, "required");
        }

        if (catalog.Store.Validator.CheckCenterId(id.CenterId) is { } centerReason)
        {
            throw HubErrors.InvalidArgument(field + ".center_id", centerReason);
        }

        return catalog.Store.Validator.CheckLocalId(id.LocalId) is { } localReason
            ? throw HubErrors.InvalidArgument(field + ".local_id", localReason)
            : id;
    }

    private static string Cursor(long seq) => "s" + seq.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseCursor(string cursor, out long seq)
    {
        seq = 0;
        return cursor.Length > 1 && cursor[0] == 's'
            && long.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }
}
