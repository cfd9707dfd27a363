using FederatedPlatform.Cli.Import;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Tests.Import;

public sealed class CsvRecordReaderTests
{
    private const string Header = "kind,local_id,title.zh,title.en,summary.en,sector,keywords,country,cooperation_modes,trl,ip_status\n";

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_Parsed()
    {
        var csv = Header + "achievement,a-1,节水灌溉,\"Drip, \"\"smart\"\" irrigation\",\"line one\nline two\",water_saving,滴灌;drip irrigation,CN,licensing;training,8,patent_pending\n";

        var sut = Assert.Single(CsvRecordReader.Read("base-nx", new StringReader(csv))).Record!;

        Assert.Equal("Drip, \"smart\" irrigation", sut.Title["en"]);
        Assert.Equal("line one\nline two", sut.Summary["en"]);
        Assert.Equal(["滴灌", "drip irrigation"], sut.Keywords);
        Assert.Equal([CooperationMode.Licensing, CooperationMode.Training], sut.CooperationModes);
        Assert.Equal(8u, sut.Achievement.Trl);
    }

    [Fact]
    public void Read_BadRows_ReportedWithTheirLines()
    {
        var csv = Header
            + "achievement,a-1,节水,,,,,CN,,5,\n"
            + "achievement,a-2,x,,,nowhere,,CN,,5,\n"
            + "achievement,a-3,too,few\n";

        var sut = CsvRecordReader.Read("base-nx", new StringReader(csv));

        Assert.NotNull(sut[0].Record);
        Assert.Equal(3, sut[1].Line);
        Assert.Contains("sector: unknown value 'nowhere'", sut[1].Error, StringComparison.Ordinal);
        Assert.Equal(4, sut[2].Line);
        Assert.Contains("4 fields, the header has 11", sut[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_Throws() =>
        Assert.Throws<FormatException>(() => CsvRecordReader.Read("x", new StringReader(Header + "need,\"open")));

    [Fact]
    public void Read_Empty_Throws() => Assert.Throws<FormatException>(() => CsvRecordReader.Read("x", new StringReader("")));
}
