using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Protocol;

/// <summary>
/// Maps the contract's <c>CatalogSearch.Search</c> messages (search.proto) to and from the index's
/// query and result, for every process that serves the RPC (the hub over its catalog, a node over its
/// replica). Invalid requests throw <see cref="SearchRequestException"/> naming the field.
/// </summary>
public static class SearchMessages
{
    /// <summary>Longest query text accepted, in characters.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>Most values accepted in one filter field.</summary>
    public const int MaxFilterValues = 64;

    /// <summary>The index query for <paramref name="request"/>.</summary>
    /// <exception cref="SearchRequestException">A field is out of its limits.</exception>
    public static SearchQuery ToQuery(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.Length > MaxQueryLength)
        {
            throw new SearchRequestException("query", $"longer than {MaxQueryLength} characters");
        }

        CheckCount(request.Kinds.Count, "kinds");
        CheckCount(request.Sectors.Count, "sectors");
        CheckCount(request.Countries.Count, "countries");
        CheckCount(request.CenterIds.Count, "center_ids");
        CheckCount(request.Statuses.Count, "statuses");
        CheckCount(request.Languages.Count, "languages");
        CheckDefined(request.Kinds, "kinds");
        CheckDefined(request.Sectors, "sectors");
        CheckDefined(request.Statuses, "statuses");
        for (var i = 0; i < request.Countries.Count; i++)
        {
            var country = request.Countries[i];
            if (country.Length != 2 || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1]))
            {
                throw new SearchRequestException($"countries[{i}]", $"'{country}' is not an ISO 3166-1 alpha-2 code");
            }
        }

        for (var i = 0; i < request.Languages.Count; i++)
        {
            if (Internal.LanguageTags.Primary(request.Languages[i]) is null)
            {
                throw new SearchRequestException($"languages[{i}]", $"'{request.Languages[i]}' is not a language tag");
            }
        }

        if (request.MinTrl > 9)
        {
            throw new SearchRequestException("min_trl", "readiness levels are 1 to 9 (0: no bound)");
        }

        if (request.MaxTrl > 9)
        {
            throw new SearchRequestException("max_trl", "readiness levels are 1 to 9 (0: no bound)");
        }

        if (request.MinTrl > 0 && request.MaxTrl > 0 && request.MinTrl > request.MaxTrl)
        {
            throw new SearchRequestException("min_trl", "greater than max_trl");
        }

        if (request.PageSize < 0)
        {
            throw new SearchRequestException("page_size", "must not be negative");
        }

        return new SearchQuery
        {
            Text = request.Query,
            Filter = new SearchFilter
            {
                Kinds = [.. request.Kinds],
                Sectors = [.. request.Sectors],
                Countries = [.. request.Countries],
                CenterIds = [.. request.CenterIds],
                Statuses = [.. request.Statuses],
                Languages = [.. request.Languages],
                MinTrl = request.MinTrl == 0 ? null : (int)request.MinTrl,
                MaxTrl = request.MaxTrl == 0 ? null : (int)request.MaxTrl,
            },
            PageSize = request.PageSize,
            PageToken = request.PageToken,
            IncludeFacets = request.IncludeFacets,
        };
    }

    /// <summary>Runs <paramref name="search"/>, turning the index's argument errors into <see cref="SearchRequestException"/>.</summary>
    public static async Task<SearchResult> RunAsync(Func<Task<SearchResult>> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        try
        {
            return await search();
        }
        catch (ArgumentException exception) when (exception is not ArgumentNullException)
        {
            // The index words its messages "field: reason" (page_size, page_token, filter.languages ...).
            var message = exception.ParamName is { } name
                ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
                : exception.Message;
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            throw colon > 0
                ? new SearchRequestException(message[..colon], message[(colon + 1)..].Trim())
                : new SearchRequestException("request", message);
        }
    }

    /// <summary>The response for <paramref name="result"/>; <paramref name="visible"/> adapts each record to the caller.</summary>
    public static SearchResponse ToResponse(SearchResult result, Func<Record, Record>? visible = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var response = new SearchResponse { NextPageToken = result.NextPageToken, TotalCount = result.TotalCount ?? 0 };
        response.Terms.AddRange(result.Terms);
        foreach (var hit in result.Hits)
        {
            response.Hits.Add(new Contracts.V1.SearchHit
            {
                Record = visible is null ? hit.Record : visible(hit.Record),
                Score = hit.Score,
                MatchesAllTerms = hit.MatchesAllTerms,
                Language = hit.Language,
                Title = hit.Title,
                Snippet = hit.Snippet,
            });
        }

        foreach (var (field, counts) in result.Facets.OrderBy(f => f.Key))
        {
            var facet = new Facet { Field = FieldName(field) };
            facet.Values.AddRange(counts.Select(c => new FacetValue { Value = c.Value, Count = c.Count }));
            response.Facets.Add(facet);
        }

        return response;
    }

    /// <summary>The contract's name of a facet field: "kind", "sector", "country", "center", "status", "language", "trl".</summary>
    public static string FieldName(FacetField field) => field switch
    {
        FacetField.Kind => "kind",
        FacetField.Sector => "sector",
        FacetField.Country => "country",
        FacetField.Center => "center",
        FacetField.Status => "status",
        FacetField.Language => "language",
        FacetField.Trl => "trl",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static void CheckCount(int count, string field)
    {
        if (count > MaxFilterValues)
        {
            throw new SearchRequestException(field, $"more than {MaxFilterValues} values");
        }
    }

    private static void CheckDefined<T>(IEnumerable<T> values, string field)
        where T : struct, Enum
    {
        var i = 0;
        foreach (var value in values)
        {
            if (!Enum.IsDefined(value) || Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new SearchRequestException($"{field}[{i}]", $"{value} is not a valid value");
            }

            i++;
        }
    }
}
