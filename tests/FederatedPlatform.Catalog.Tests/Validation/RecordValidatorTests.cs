using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Catalog.Tests.Validation;

public sealed class RecordValidatorTests
{
    private readonly RecordValidator _sut = new(new CatalogLimits());

    public static TheoryData<string, Action<Record>, string> Violations => new()
    {
        { "missing id", r => r.Id = null, "id: required" },
        { "empty center id", r => r.Id.CenterId = "", "id.center_id: required" },
        { "uppercase center id", r => r.Id.CenterId = "CN-OM", "id.center_id: must start with a lowercase letter or digit" },
        { "center id charset", r => r.Id.CenterId = "cn_om", "id.center_id: may contain only lowercase letters, digits and '-'" },
        { "center id too long", r => r.Id.CenterId = new string('c', 65), "id.center_id: longer than 64 characters" },
        { "empty local id", r => r.Id.LocalId = "", "id.local_id: required" },
        { "local id charset", r => r.Id.LocalId = "a/b", "id.local_id: may contain only letters, digits, '.', '_' and '-'" },
        { "local id start", r => r.Id.LocalId = "-a", "id.local_id: must start with a letter or digit" },
        { "local id too long", r => r.Id.LocalId = new string('a', 129), "id.local_id: longer than 128 characters" },
        { "version zero", r => r.Version = 0, "version: must be at least 1" },
        { "version too large", r => r.Version = (ulong)long.MaxValue + 1, "version: larger than 9223372036854775807" },
        { "kind unspecified", r => r.Kind = RecordKind.Unspecified, "kind: required" },
        { "kind undefined", r => r.Kind = (RecordKind)9, "kind: undefined value 9" },
        { "no title", r => r.Title.Clear(), "title: at least one language required" },
        { "title too long", r => r.Title["ar"] = new string('ت', 301), "title[ar]: longer than 300 characters" },
        { "title blank", r => r.Title["en"] = "   ", "title[en]: empty" },
        { "title line break", r => r.Title["en"] = "a\nb", "title[en]: contains a control character or line break" },
        { "title bad tag", r => r.Title["EN"] = "x", "title[EN]: not a BCP 47 language tag such as zh, ar, en or zh-Hans" },
        { "title bad subtag", r => r.Title["zh-"] = "x", "title[zh-]: not a BCP 47 language tag such as zh, ar, en or zh-Hans" },
        { "title tag too long", r => r.Title["en-" + new string('a', 40)] = "x", "language tag longer than 35 characters" },
        { "too many languages", AddLanguages, "title: more than 12 languages" },
        { "lone surrogate", r => r.Title["en"] = "a\uD800b", "title[en]: contains an invalid character" },
        { "summary too long", r => r.Summary["en"] = new string('s', 5001), "summary[en]: longer than 5000 characters" },
        { "summary control", r => r.Summary["en"] = "a\u0007", "summary[en]: contains a control character" },
        { "sector unspecified", r => r.Sector = Sector.Unspecified, "sector: required" },
        { "sector undefined", r => r.Sector = (Sector)99, "sector: undefined value 99" },
        { "too many keywords", r => r.Keywords.Add(Enumerable.Range(0, 28).Select(i => $"k{i}")), "keywords: more than 30 keywords" },
        { "keyword too long", r => r.Keywords.Add(new string('k', 65)), "keywords[3]: longer than 64 characters" },
        { "keyword empty", r => r.Keywords.Add(""), "keywords[3]: empty" },
        { "keyword duplicate", r => r.Keywords.Add("desalination"), "keywords[3]: duplicate keyword" },
        { "country missing", r => r.Country = "", "country: required" },
        { "country lowercase", r => r.Country = "om", "country: not an ISO 3166-1 alpha-2 code such as OM" },
        { "organization missing", r => r.Organization = "", "organization: empty" },
        { "organization too long", r => r.Organization = new string('o', 201), "organization: longer than 200 characters" },
        { "no cooperation mode", r => r.CooperationModes.Clear(), "cooperation_modes: at least one required" },
        { "cooperation unspecified", r => r.CooperationModes.Add(CooperationMode.Unspecified), "cooperation_modes[2]: required" },
        { "cooperation duplicate", r => r.CooperationModes.Add(CooperationMode.Licensing), "cooperation_modes[2]: duplicate cooperation mode" },
        { "contact without name", r => r.Contact.Name = "", "contact.name: empty" },
        { "contact name too long", r => r.Contact.Name = new string('n', 101), "contact.name: longer than 100 characters" },
        { "contact email", r => r.Contact.Email = "not-an-address", "contact.email: not an e-mail address" },
        { "contact email too long", r => r.Contact.Email = new string('e', 250) + "@x.org", "contact.email: longer than 254 characters" },
        { "contact phone", r => r.Contact.Phone = "call me", "contact.phone: may contain only digits, spaces and + ( ) - ." },
        { "contact phone too long", r => r.Contact.Phone = new string('1', 33), "contact.phone: longer than 32 characters" },
        { "status unspecified", r => r.Status = RecordStatus.Unspecified, "status: required" },
        { "trl zero", r => r.Achievement.Trl = 0, "achievement.trl: must be between 1 and 9" },
        { "trl ten", r => r.Achievement.Trl = 10, "achievement.trl: must be between 1 and 9" },
        { "ip status unspecified", r => r.Achievement.IpStatus = IpStatus.Unspecified, "achievement.ip_status: required" },
        { "achievement without details", r => r.ClearDetails(), "achievement: required for an achievement" },
        { "achievement with need details", r => r.Need = new NeedDetails(), "need: not allowed for an achievement" },
        { "created missing", r => r.CreatedAt = null, "created_at: required" },
        { "updated missing", r => r.UpdatedAt = null, "updated_at: required" },
        { "updated before created", r => r.UpdatedAt = new Timestamp { Seconds = r.CreatedAt.Seconds - 1 }, "updated_at: earlier than created_at" },
        { "timestamp out of range", r => r.CreatedAt = new Timestamp { Seconds = long.MaxValue }, "created_at: not a valid time" },
    };

    public static TheoryData<string, Action<Record>, string> NeedViolations => new()
    {
        { "budget negative", r => r.Need.Budget.Min = -1, "need.budget.min: must not be negative" },
        { "budget inverted", r => r.Need.Budget.Max = 1, "need.budget.max: less than need.budget.min" },
        { "budget too large", r => r.Need.Budget.Max = 2_000_000_000_000_000, "need.budget.max: larger than 1000000000000000" },
        { "currency missing", r => r.Need.Budget.Currency = "", "need.budget.currency: required" },
        { "currency lowercase", r => r.Need.Budget.Currency = "usd", "need.budget.currency: not an ISO 4217 code such as USD" },
        { "deadline format", r => r.Need.Deadline = "30/06/2026", "need.deadline: not a date of the form YYYY-MM-DD" },
        { "deadline impossible", r => r.Need.Deadline = "2026-02-30", "need.deadline: not a date of the form YYYY-MM-DD" },
        { "need without details", r => r.ClearDetails(), "need: required for a need" },
        { "need with achievement details", r => r.Achievement = new AchievementDetails { Trl = 3 }, "achievement: not allowed for a need" },
    };

    [Fact]
    public void Validate_ValidAchievementAndNeed_NoErrors()
    {
        Assert.Empty(_sut.Validate(TestRecords.Achievement("cn-om", "a1")));
        Assert.Empty(_sut.Validate(TestRecords.Need("cn-om", "n1")));
    }

    [Fact]
    public void Validate_NeedWithoutBudgetOrDeadline_NoErrors()
    {
        var record = TestRecords.Need("cn-om", "n1");
        record.Need.Budget = null;
        record.Need.Deadline = "";

        Assert.Empty(_sut.Validate(record));
    }

    [Fact]
    public void Validate_TitleOf300CjkCharacters_NoErrors()
    {
        var record = TestRecords.Achievement("cn-om", "a1");
        record.Title["zh"] = new string('水', 300);
        record.Title["mn"] = string.Concat(Enumerable.Repeat("𠀀", 300)); // astral: 600 UTF-16 units, 300 characters

        Assert.Empty(_sut.Validate(record));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Validate_AchievementViolation_ReportsFieldAndReason(string name, Action<Record> breakIt, string expected)
    {
        var record = TestRecords.Achievement("cn-om", "a1");
        breakIt(record);

        var errors = _sut.Validate(record);

        Assert.True(errors.Any(e => e.ToString().EndsWith(expected, StringComparison.Ordinal)), $"{name}: got [{string.Join("; ", errors)}]");
    }

    [Theory]
    [MemberData(nameof(NeedViolations))]
    public void Validate_NeedViolation_ReportsFieldAndReason(string name, Action<Record> breakIt, string expected)
    {
        var record = TestRecords.Need("cn-om", "n1");
        breakIt(record);

        var errors = _sut.Validate(record);

        Assert.True(errors.Any(e => e.ToString() == expected), $"{name}: got [{string.Join("; ", errors)}]");
    }

    [Fact]
    public void Validate_Tombstone_NeedsOnlyIdAndVersion()
    {
        Assert.Empty(_sut.Validate(TestRecords.Tombstone("cn-om", "a1", 2)));
        Assert.Equal("version: must be at least 1", Assert.Single(_sut.Validate(TestRecords.Tombstone("cn-om", "a1", 0))).ToString());
    }

    [Fact]
    public void Validate_RecordLargerThanLimit_ReportsRecord()
    {
        var sut = new RecordValidator(new CatalogLimits { MaxRecordBytes = 200 });

        var error = Assert.Single(sut.Validate(TestRecords.Achievement("cn-om", "a1")));

        Assert.Equal("record: larger than 200 bytes", error.ToString());
    }

    [Fact]
    public void Validate_ConfiguredLimit_IsApplied()
    {
        var sut = new RecordValidator(new CatalogLimits { MaxTitleLength = 10 });
        var record = TestRecords.Achievement("cn-om", "a1");

        Assert.Contains(sut.Validate(record), e => e.ToString() == "title[en]: longer than 10 characters");
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RecordValidator(new CatalogLimits { MaxKeywords = 0 }));

        Assert.Contains("MaxKeywords", error.Message, StringComparison.Ordinal);
    }

    private static void AddLanguages(Record record)
    {
        foreach (var tag in new[] { "fr", "ru", "mn", "de", "es", "it", "ja", "ko", "tr", "fa" })
        {
            record.Title[tag] = "x";
        }
    }
}
