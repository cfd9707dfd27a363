using FederatedPlatform.Cli.Import;

namespace FederatedPlatform.Cli.Tests.Import;

/// <summary>The demo federation's seeds/ must import without a single bad row.</summary>
public sealed class SeedFilesTests
{
    private static string SeedsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "seeds", "records")))
            {
                return Path.Combine(dir.FullName, "seeds", "records");
            }
        }
        throw new DirectoryNotFoundException("seeds/records not found");
    }

    public static TheoryData<string> SeedFiles => new(Directory.GetFiles(SeedsDirectory(), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Read_SeedFile_EveryRowMaps(string file)
    {
        using var stream = File.OpenRead(Path.Combine(SeedsDirectory(), file));

        var rows = JsonRecordReader.Read(Path.GetFileNameWithoutExtension(file), stream);

        Assert.True(rows.Count >= 30, $"{file}: {rows.Count} rows");
        Assert.All(rows, r => Assert.True(r.Error is null, $"{file}:{r.Line}: {r.Error}"));
    }
}
