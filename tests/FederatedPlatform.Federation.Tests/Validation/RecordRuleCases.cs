using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Federation.Tests.Validation;

/// <summary>Where a rule can be broken: fields the node stamps itself can only be sent wrong to the hub.</summary>
[Flags]
public enum RuleScope
{
    Node = 1,
    Hub = 2,
    Both = Node | Hub,
}

/// <summary>One broken field rule of records.proto (defaults of CatalogLimits): the mutation of a valid record and the field path reported.</summary>
public sealed record RecordRuleCase(string Name, RecordKind Kind, Action<Record> Break, string Field, RuleScope Scope = RuleScope.Both)
{
    /// <summary>True when the case changes the record's identity, so it cannot be an update of an existing record.</summary>
    public bool ChangesId { get; init; }

    public override string ToString() => Name;
}

/// <summary>Every field limit and required field of a record, one case per rule.</summary>
public static class RecordRuleCases
{
    private static readonly string[] ThirteenLanguages = ["zh", "ar", "en", "fr", "ru", "mn", "kk", "es", "de", "ja", "ko", "tr", "fa"];

    public static IReadOnlyList<RecordRuleCase> All { get; } =
    [
        Id("id required", r => r.Id = null, "id"),
        Id("local id empty", r => r.Id.LocalId = string.Empty, "id.local_id"),
        Id("local id over 128 characters", r => r.Id.LocalId = new string('a', 129), "id.local_id"),
        Id("local id with a slash", r => r.Id.LocalId = "a/b", "id.local_id"),
        Id("local id starting with a dash", r => r.Id.LocalId = "-a", "id.local_id"),
        Id("local id not ASCII", r => r.Id.LocalId = "成果1", "id.local_id"),
        Achievement("version zero", r => r.Version = 0, "version", RuleScope.Hub),
        Achievement("version above int64", r => r.Version = (ulong)long.MaxValue + 1, "version", RuleScope.Hub),
        Achievement("deleted on create or update", r => r.Deleted = true, "deleted", RuleScope.Node),
        Achievement("kind unspecified", r => r.Kind = RecordKind.Unspecified, "kind"),
        Achievement("kind undefined", r => r.Kind = (RecordKind)99, "kind"),
        Achievement("title missing", r => r.Title.Clear(), "title"),
        Achievement("title in 13 languages", r => SetLanguages(r.Title, 13, "t"), "title"),
        Achievement("title over 300 characters", r => r.Title["en"] = new string('t', 301), "title[en]"),
        Achievement("title over 300 code points (CJK)", r => r.Title["zh"] = string.Concat(Enumerable.Repeat("𠀀", 301)), "title[zh]"),
        Achievement("title blank", r => r.Title["en"] = "   ", "title[en]"),
        Achievement("title with a line break", r => r.Title["en"] = "two\nlines", "title[en]"),
        Achievement("title with a control character", r => r.Title["en"] = "bell\u0007", "title[en]"),
        Achievement("title language tag upper case", r => r.Title["EN"] = "Solar", "title[EN]"),
        Achievement("title language tag over 35 characters", r => r.Title["en-" + new string('x', 33)] = "Solar", "title[en-" + new string('x', 33) + "]"),
        Achievement("summary in 13 languages", r => SetLanguages(r.Summary, 13, "s"), "summary"),
        Achievement("summary over 5000 characters", r => r.Summary["en"] = new string('s', 5001), "summary[en]"),
        Achievement("summary blank", r => r.Summary["en"] = string.Empty, "summary[en]"),
        Achievement("summary with a control character", r => r.Summary["en"] = "nul\u0000", "summary[en]"),
        Achievement("summary language tag invalid", r => r.Summary["english"] = "Solar", "summary[english]"),
        Achievement("sector unspecified", r => r.Sector = Sector.Unspecified, "sector"),
        Achievement("sector undefined", r => r.Sector = (Sector)1000, "sector"),
        Achievement("31 keywords", r => r.Keywords.Add(Enumerable.Range(0, 29).Select(i => $"k{i}")), "keywords"),
        Achievement("keyword over 64 characters", r => r.Keywords[0] = new string('k', 65), "keywords[0]"),
        Achievement("keyword blank", r => r.Keywords[1] = " ", "keywords[1]"),
        Achievement("keyword duplicated", r => r.Keywords[1] = r.Keywords[0], "keywords[1]"),
        Achievement("country missing", r => r.Country = string.Empty, "country"),
        Achievement("country lower case", r => r.Country = "om", "country"),
        Achievement("country three letters", r => r.Country = "OMN", "country"),
        Achievement("organization missing", r => r.Organization = string.Empty, "organization"),
        Achievement("organization over 200 characters", r => r.Organization = new string('o', 201), "organization"),
        Achievement("organization with a line break", r => r.Organization = "a\nb", "organization"),
        Achievement("cooperation modes missing", r => r.CooperationModes.Clear(), "cooperation_modes"),
        Achievement("cooperation mode unspecified", r => r.CooperationModes[0] = CooperationMode.Unspecified, "cooperation_modes[0]"),
        Achievement("cooperation mode undefined", r => r.CooperationModes[0] = (CooperationMode)77, "cooperation_modes[0]"),
        Achievement("cooperation mode duplicated", r => r.CooperationModes.Add(r.CooperationModes[0]), "cooperation_modes[1]"),
        Achievement("contact name missing", r => r.Contact.Name = string.Empty, "contact.name"),
        Achievement("contact name over 100 characters", r => r.Contact.Name = new string('n', 101), "contact.name"),
        Achievement("contact email without @", r => r.Contact.Email = "li.wei.example.org", "contact.email"),
        Achievement("contact email without a domain dot", r => r.Contact.Email = "li@localhost", "contact.email"),
        Achievement("contact email over 254 characters", r => r.Contact.Email = new string('e', 250) + "@x.org", "contact.email"),
        Achievement("contact phone with letters", r => r.Contact.Phone = "call me", "contact.phone"),
        Achievement("contact phone over 32 characters", r => r.Contact.Phone = new string('1', 33), "contact.phone"),
        Achievement("status unspecified", r => r.Status = RecordStatus.Unspecified, "status"),
        Achievement("status undefined", r => r.Status = (RecordStatus)9, "status"),
        Achievement("readiness level 0", r => r.Achievement.Trl = 0, "achievement.trl"),
        Achievement("readiness level 10", r => r.Achievement.Trl = 10, "achievement.trl"),
        Achievement("IP status unspecified", r => r.Achievement.IpStatus = IpStatus.Unspecified, "achievement.ip_status"),
        Achievement("achievement details missing", r => r.ClearDetails(), "achievement"),
        Achievement("achievement with need details", r => r.Need = new NeedDetails(), "need"),
        Need("need details missing", r => r.ClearDetails(), "need"),
        Need("need with achievement details", r => r.Achievement = new AchievementDetails { Trl = 5, IpStatus = IpStatus.PatentPending }, "achievement"),
        Need("budget minimum negative", r => r.Need.Budget.Min = -1, "need.budget.min"),
        Need("budget maximum above 10^15", r => r.Need.Budget.Max = 1_000_000_000_000_001, "need.budget.max"),
        Need("budget maximum below minimum", r => (r.Need.Budget.Min, r.Need.Budget.Max) = (500, 499), "need.budget.max"),
        Need("budget currency missing", r => r.Need.Budget.Currency = string.Empty, "need.budget.currency"),
        Need("budget currency lower case", r => r.Need.Budget.Currency = "usd", "need.budget.currency"),
        Need("deadline not a date", r => r.Need.Deadline = "2027-02-30", "need.deadline"),
        Need("deadline in another format", r => r.Need.Deadline = "31/03/2027", "need.deadline"),
        Achievement("created_at missing", r => r.CreatedAt = null, "created_at", RuleScope.Hub),
        Achievement("created_at out of range", r => r.CreatedAt = new Timestamp { Seconds = long.MaxValue }, "created_at", RuleScope.Hub),
        Achievement("updated_at missing", r => r.UpdatedAt = null, "updated_at", RuleScope.Hub),
        Achievement("updated_at invalid nanos", r => r.UpdatedAt = new Timestamp { Seconds = r.CreatedAt.Seconds, Nanos = -1 }, "updated_at", RuleScope.Hub),
        Achievement("updated_at before created_at", r => r.UpdatedAt = new Timestamp { Seconds = r.CreatedAt.Seconds - 1 }, "updated_at", RuleScope.Hub),
        Achievement("record over 64 KiB", r => SetLanguages(r.Summary, 12, new string('海', 2000)), "record"),
    ];

    public static TheoryData<string> Names(RuleScope scope)
    {
        var names = new TheoryData<string>();
        foreach (var rule in All.Where(c => c.Scope.HasFlag(scope)))
        {
            names.Add(rule.Name);
        }

        return names;
    }

    public static RecordRuleCase Named(string name) => All.Single(c => c.Name == name);

    private static RecordRuleCase Achievement(string name, Action<Record> change, string field, RuleScope scope = RuleScope.Both) =>
        new(name, RecordKind.Achievement, change, field, scope);

    private static RecordRuleCase Need(string name, Action<Record> change, string field) => new(name, RecordKind.Need, change, field);

    private static RecordRuleCase Id(string name, Action<Record> change, string field) =>
        new(name, RecordKind.Achievement, change, field) { ChangesId = true };

    private static void SetLanguages(Google.Protobuf.Collections.MapField<string, string> map, int count, string text)
    {
        map.Clear();
        foreach (var language in ThirteenLanguages.Take(count))
        {
            map[language] = text;
        }
    }
}
