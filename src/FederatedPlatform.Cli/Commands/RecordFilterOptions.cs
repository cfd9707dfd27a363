using System.CommandLine;
using FederatedPlatform.Catalog;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Commands;

/// <summary>The --kind/--center/--sector/--country options shared by watch and search.</summary>
internal sealed class RecordFilterOptions
{
    public Option<string[]> Kinds { get; } = new("--kind") { Description = "achievement or need (repeatable)" };

    public Option<string[]> Centers { get; } = new("--center") { Description = "Center id (repeatable)" };

    public Option<string[]> Sectors { get; } = new("--sector") { Description = $"Sector code (repeatable): {string.Join(", ", CatalogCodes.AllCodes<Sector>())}" };

    public Option<string[]> Countries { get; } = new("--country") { Description = "ISO country code (repeatable)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Kinds);
        command.Options.Add(Centers);
        command.Options.Add(Sectors);
        command.Options.Add(Countries);
    }

    public RecordFilter Build(ParseResult result)
    {
        var filter = new RecordFilter();
        filter.Kinds.Add((result.GetValue(Kinds) ?? []).Select(Parse<RecordKind>));
        filter.CenterIds.Add(result.GetValue(Centers) ?? []);
        filter.Sectors.Add((result.GetValue(Sectors) ?? []).Select(Parse<Sector>));
        filter.Countries.Add((result.GetValue(Countries) ?? []).Select(c => c.ToUpperInvariant()));
        return filter;
    }

    public static T Parse<T>(string code)
        where T : struct, Enum =>
        CatalogCodes.TryParse<T>(code, out var value)
            ? value
            : throw new CliException($"unknown {typeof(T).Name.ToLowerInvariant()} '{code}' (known: {string.Join(", ", CatalogCodes.AllCodes<T>())})", ExitCodes.Usage);
}
