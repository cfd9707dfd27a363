using System.Globalization;
using FederatedPlatform.Catalog.Validation.Internal;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Catalog.Validation;

/// <summary>
/// Checks a record against <see cref="CatalogLimits"/> and the field rules of records.proto. Used by
/// the node before it writes and by the hub before it applies, so both refuse the same input.
/// </summary>
public sealed class RecordValidator
{
    // Timestamp.ToDateTime accepts only 0001-01-01..9999-12-31; anything outside is not a date.
    private static readonly long MinTimestampSeconds = Timestamp.FromDateTime(DateTime.MinValue.ToUniversalTime()).Seconds;
    private static readonly long MaxTimestampSeconds = Timestamp.FromDateTime(DateTime.MaxValue.ToUniversalTime()).Seconds;

    private readonly CatalogLimits _limits;

    /// <summary>Creates a validator for the given limits.</summary>
    public RecordValidator(CatalogLimits limits)
    {
        limits.EnsureValid();
        _limits = limits;
    }

    /// <summary>The limits this validator applies.</summary>
    public CatalogLimits Limits => _limits;

    /// <summary>Every rule the record breaks, in field order; empty when the record is valid.</summary>
    public IReadOnlyList<ValidationError> Validate(Record record)
    {
        var errors = new Errors();
        ValidateIdentity(record, errors);
        if (!record.Deleted)
        {
            ValidateContent(record, errors);
        }

        if (errors.List is null && record.CalculateSize() > _limits.MaxRecordBytes)
        {
            errors.Add("record", $"larger than {_limits.MaxRecordBytes} bytes");
        }

        return errors.List ?? (IReadOnlyList<ValidationError>)[];
    }

    /// <summary>Null when <paramref name="centerId"/> is a well-formed center id, otherwise the reason.</summary>
    public string? CheckCenterId(string centerId) => TextRules.CheckCenterId(centerId, _limits.MaxCenterIdLength);

    /// <summary>Null when <paramref name="localId"/> is a well-formed local id, otherwise the reason.</summary>
    public string? CheckLocalId(string localId) => TextRules.CheckLocalId(localId, _limits.MaxLocalIdLength);

    /// <summary>Checks a map of language tag to text (titles, summaries, center names).</summary>
    public void ValidateLanguageMap(
        MapField<string, string> map, string field, int maxLength, bool required, bool multiline, ICollection<ValidationError> errors)
    {
        if (map.Count == 0)
        {
            if (required)
            {
                errors.Add(new(field, "at least one language required"));
            }

            return;
        }

        if (map.Count > _limits.MaxLanguages)
        {
            errors.Add(new(field, $"more than {_limits.MaxLanguages} languages"));
            return;
        }

        // A map keeps its entries in wire order, so errors are reported in a stable order without sorting.
        foreach (var (tag, text) in map)
        {
            var tagReason = TextRules.CheckLanguageTag(tag, _limits.MaxLanguageTagLength);
            if (tagReason is not null)
            {
                errors.Add(new($"{field}[{Shorten(tag)}]", tagReason));
                continue;
            }

            var textReason = TextRules.CheckText(text, maxLength, multiline);
            if (textReason is not null)
            {
                errors.Add(new($"{field}[{tag}]", textReason));
            }
        }
    }

    private void ValidateIdentity(Record record, Errors errors)
    {
        if (record.Id is null)
        {
            errors.Add("id", "required");
        }
        else
        {
            errors.AddIf("id.center_id", CheckCenterId(record.Id.CenterId));
            errors.AddIf("id.local_id", CheckLocalId(record.Id.LocalId));
        }

        if (record.Version == 0)
        {
            errors.Add("version", "must be at least 1");
        }
        else if (record.Version > long.MaxValue)
        {
            // Stored as a signed 64-bit integer, which every database and language has.
            errors.Add("version", $"larger than {long.MaxValue}");
        }
    }

    private void ValidateContent(Record record, Errors errors)
    {
        CheckEnum(record.Kind, "kind", errors);
        ValidateLanguageMap(record.Title, "title", _limits.MaxTitleLength, required: true, multiline: false, errors);
        ValidateLanguageMap(record.Summary, "summary", _limits.MaxSummaryLength, required: false, multiline: true, errors);
        CheckEnum(record.Sector, "sector", errors);
        ValidateKeywords(record.Keywords, errors);
        if (!TextRules.IsCountryCode(record.Country))
        {
            errors.Add("country", record.Country.Length == 0 ? "required" : "not an ISO 3166-1 alpha-2 code such as OM");
        }

        errors.AddIf("organization", TextRules.CheckText(record.Organization, _limits.MaxOrganizationLength, multiline: false));
        ValidateCooperationModes(record.CooperationModes, errors);
        if (record.Contact is not null)
        {
            ValidateContact(record.Contact, errors);
        }

        CheckEnum(record.Status, "status", errors);
        ValidateDetails(record, errors);
        ValidateTimes(record, errors);
    }

    private void ValidateKeywords(RepeatedField<string> keywords, Errors errors)
    {
        if (keywords.Count > _limits.MaxKeywords)
        {
            errors.Add("keywords", $"more than {_limits.MaxKeywords} keywords");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keywords.Count; i++)
        {
            var reason = TextRules.CheckText(keywords[i], _limits.MaxKeywordLength, multiline: false);
            if (reason is null && !seen.Add(keywords[i]))
            {
                reason = "duplicate keyword";
            }

            errors.AddIf($"keywords[{i}]", reason);
        }
    }

    private static void ValidateCooperationModes(RepeatedField<CooperationMode> modes, Errors errors)
    {
        if (modes.Count == 0)
        {
            errors.Add("cooperation_modes", "at least one required");
            return;
        }

        var seen = new HashSet<CooperationMode>();
        for (var i = 0; i < modes.Count; i++)
        {
            var field = $"cooperation_modes[{i}]";
            if (CheckEnum(modes[i], field, errors) && !seen.Add(modes[i]))
            {
                errors.Add(field, "duplicate cooperation mode");
            }
        }
    }

    private void ValidateContact(Contact contact, Errors errors)
    {
        errors.AddIf("contact.name", TextRules.CheckText(contact.Name, _limits.MaxContactNameLength, multiline: false));
        if (contact.Email.Length > _limits.MaxContactEmailLength)
        {
            errors.Add("contact.email", $"longer than {_limits.MaxContactEmailLength} characters");
        }
        else if (contact.Email.Length > 0 && !TextRules.IsEmailAddress(contact.Email))
        {
            errors.Add("contact.email", "not an e-mail address");
        }

        if (contact.Phone.Length > _limits.MaxContactPhoneLength)
        {
            errors.Add("contact.phone", $"longer than {_limits.MaxContactPhoneLength} characters");
        }
        else if (contact.Phone.Length > 0 && !TextRules.IsPhoneNumber(contact.Phone))
        {
            errors.Add("contact.phone", "may contain only digits, spaces and + ( ) - .");
        }
    }

    private void ValidateDetails(Record record, Errors errors)
    {
        switch (record.Kind, record.DetailsCase)
        {
            case (RecordKind.Achievement, Record.DetailsOneofCase.Achievement):
                if (record.Achievement.Trl is < 1 or > 9)
                {
                    errors.Add("achievement.trl", "must be between 1 and 9");
                }

                CheckEnum(record.Achievement.IpStatus, "achievement.ip_status", errors);
                break;
            case (RecordKind.Need, Record.DetailsOneofCase.Need):
                ValidateNeed(record.Need, errors);
                break;
            case (RecordKind.Achievement, Record.DetailsOneofCase.None):
                errors.Add("achievement", "required for an achievement");
                break;
            case (RecordKind.Need, Record.DetailsOneofCase.None):
                errors.Add("need", "required for a need");
                break;
            case (RecordKind.Achievement, Record.DetailsOneofCase.Need):
                errors.Add("need", "not allowed for an achievement");
                break;
            case (RecordKind.Need, Record.DetailsOneofCase.Achievement):
                errors.Add("achievement", "not allowed for a need");
                break;
            default:
                // The kind itself is invalid and already reported; details cannot be judged without it.
                break;
        }
    }

    private void ValidateNeed(NeedDetails need, Errors errors)
    {
        if (need.Budget is { } budget)
        {
            if (budget.Min < 0)
            {
                errors.Add("need.budget.min", "must not be negative");
            }
            else if (budget.Max > _limits.MaxBudgetAmount)
            {
                errors.Add("need.budget.max", $"larger than {_limits.MaxBudgetAmount}");
            }
            else if (budget.Max < budget.Min)
            {
                errors.Add("need.budget.max", "less than need.budget.min");
            }

            if (!TextRules.IsCurrencyCode(budget.Currency))
            {
                errors.Add("need.budget.currency", budget.Currency.Length == 0 ? "required" : "not an ISO 4217 code such as USD");
            }
        }

        if (need.Deadline.Length > 0
            && !DateOnly.TryParseExact(need.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add("need.deadline", "not a date of the form YYYY-MM-DD");
        }
    }

    private static void ValidateTimes(Record record, Errors errors)
    {
        var created = CheckTimestamp(record.CreatedAt, "created_at", errors);
        var updated = CheckTimestamp(record.UpdatedAt, "updated_at", errors);
        if (created is not null && updated is not null && updated < created)
        {
            errors.Add("updated_at", "earlier than created_at");
        }
    }

    private static Timestamp? CheckTimestamp(Timestamp? value, string field, Errors errors)
    {
        if (value is null)
        {
            errors.Add(field, "required");
            return null;
        }

        if (value.Seconds < MinTimestampSeconds || value.Seconds > MaxTimestampSeconds || value.Nanos is < 0 or > 999_999_999)
        {
            errors.Add(field, "not a valid time");
            return null;
        }

        return value;
    }

    private static bool CheckEnum<T>(T value, string field, Errors errors)
        where T : struct, System.Enum
    {
        // Protobuf enums are int-backed; BitCast reads the number without boxing.
        var number = System.Runtime.CompilerServices.Unsafe.BitCast<T, int>(value);
        if (!System.Enum.IsDefined(value))
        {
            errors.Add(field, $"undefined value {number}");
            return false;
        }

        if (number == 0)
        {
            errors.Add(field, "required");
            return false;
        }

        return true;
    }

    // A hostile tag could be megabytes long; the field path only needs to identify it.
    private static string Shorten(string tag) => tag.Length <= 40 ? tag : string.Concat(tag.AsSpan(0, 40), "…");

    /// <summary>Allocates the list only on the first error: valid records, the common case, allocate nothing.</summary>
    private sealed class Errors : ICollection<ValidationError>
    {
        public List<ValidationError>? List { get; private set; }

        public int Count => List?.Count ?? 0;

        public bool IsReadOnly => false;

        public void Add(string field, string reason) => Add(new ValidationError(field, reason));

        public void AddIf(string field, string? reason)
        {
            if (reason is not null)
            {
                Add(field, reason);
            }
        }

        public void Add(ValidationError item) => (List ??= []).Add(item);

        public void Clear() => List?.Clear();

        public bool Contains(ValidationError item) => List?.Contains(item) ?? false;

        public void CopyTo(ValidationError[] array, int arrayIndex) => List?.CopyTo(array, arrayIndex);

        public bool Remove(ValidationError item) => List?.Remove(item) ?? false;

        public IEnumerator<ValidationError> GetEnumerator() => (List ?? []).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
