using System.Text;
using FederatedPlatform.Cli.Import;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Tests.Import;

public sealed class JsonRecordReaderTests
{
    private static IReadOnlyList<RecordRow> Read(string json) => JsonRecordReader.Read("cn-om", new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Read_SeedFormatAchievement_MapsEveryField()
    {
        var rows = Read("""
            [{"kind":"achievement","local_id":"a-001","title":{"zh":"太阳能海水淡化技术","ar":"تحلية مياه البحر بالطاقة الشمسية","en":"Solar desalination"},
              "summary":{"en":"Small plants."},"sector":"desalination","keywords":["海水淡化","desalination"],"country":"CN",
              "organisation":"Ningxia University","cooperation_modes":["licensing","joint_development"],
              "contact":{"name":"Li","email":"li@example.org","phone":"+86 1"},"status":"open","trl":7,"ip_status":"patent_granted"}]
            """);

        var sut = Assert.Single(rows).Record!;
        Assert.Equal(new RecordId { CenterId = "cn-om", LocalId = "a-001" }, sut.Id);
        Assert.Equal(RecordKind.Achievement, sut.Kind);
        Assert.Equal("太阳能海水淡化技术", sut.Title["zh"]);
        Assert.Equal(Sector.Desalination, sut.Sector);
        Assert.Equal([CooperationMode.Licensing, CooperationMode.JointDevelopment], sut.CooperationModes);
        Assert.Equal(7u, sut.Achievement.Trl);
        Assert.Equal(IpStatus.PatentGranted, sut.Achievement.IpStatus);
        Assert.Equal("li@example.org", sut.Contact.Email);
    }

    [Fact]
    public void Read_Need_MapsBudgetAndDeadline()
    {
        var sut = Read("""[{"kind":"need","local_id":"n-1","title":{"ar":"حاجة"},"sector":"water_saving","budget":{"min":50000,"max":200000,"currency":"USD"},"deadline":"2027-06-30"}]""")[0].Record!;

        Assert.Equal(200000, sut.Need.Budget.Max);
        Assert.Equal("2027-06-30", sut.Need.Deadline);
        Assert.Equal(RecordStatus.Open, sut.Status);
    }

    [Theory]
    [InlineData("""[{"kind":"achievement","title":{"en":"x"}}]""", "local_id: required")]
    [InlineData("""[{"kind":"gadget","local_id":"a"}]""", "kind: unknown value 'gadget'")]
    [InlineData("""[{"kind":"need","local_id":"a","sector":"space"}]""", "sector: unknown value 'space'")]
    [InlineData("""[{"kind":"achievement","local_id":"a","trl":"high"}]""", "trl: 'high' is not a non-negative whole number")]
    [InlineData("""[{"kind":"achievement","local_id":"a","cooperation_modes":["barter"]}]""", "cooperation_modes: unknown mode 'barter'")]
    [InlineData("""[{"kind":"achievement","local_id":"a","title":"just text"}]""", "title: must be an object")]
    public void Read_BadRow_ReportsFieldAndReason(string json, string expected)
    {
        var row = Assert.Single(Read(json));

        Assert.Null(row.Record);
        Assert.Contains(expected, row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAnArray_Throws() => Assert.Throws<FormatException>(() => Read("""{"kind":"need"}"""));

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var original = Read("""[{"kind":"need","local_id":"n-1","title":{"ar":"حاجة","zh":"需求"},"summary":{"en":"s"},"sector":"water_saving","keywords":["k"],"country":"OM","organisation":"o","cooperation_modes":["investment"],"status":"in_negotiation","budget":{"min":1,"max":2,"currency":"USD"},"deadline":"2027-01-01"}]""")[0].Record!;
        var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            JsonRecordReader.Write([original], writer);
        }

        var sut = JsonRecordReader.Read("cn-om", new MemoryStream(buffer.ToArray()))[0].Record;

        Assert.Equal(original, sut);
    }
}
