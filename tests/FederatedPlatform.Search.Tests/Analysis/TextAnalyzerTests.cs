using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Tests.Analysis;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("海水淡化", "太阳能海水淡化技术")]
    [InlineData("农业", "现代农业节水灌溉")]
    [InlineData("淡化技术", "太阳能海水淡化技术")]
    [InlineData("水", "海水淡化")]
    [InlineData("ソーラー", "ソーラーパネル")]
    public void Terms_ChineseSubword_QueryTermsAreIndexed(string query, string document)
    {
        var indexed = TextAnalyzer.Terms(document, AnalysisMode.Index).ToHashSet();

        var sut = TextAnalyzer.Terms(query);

        Assert.NotEmpty(sut);
        Assert.All(sut, term => Assert.Contains(term, indexed));
    }

    [Fact]
    public void Terms_ChineseRun_OverlappingBigrams()
    {
        Assert.Equal(["太阳", "阳能", "能海", "海水", "水淡", "淡化"], TextAnalyzer.Terms("太阳能海水淡化"));
        Assert.Equal(["农"], TextAnalyzer.Terms("农"));
        Assert.Equal(["海", "海水", "水"], TextAnalyzer.Terms("海水", AnalysisMode.Index));
    }

    [Fact]
    public void Terms_ChineseParticle_SplitsRun()
    {
        Assert.Equal(TextAnalyzer.Terms("海水淡化 技术"), TextAnalyzer.Terms("海水淡化的技术"));
    }

    [Fact]
    public void Terms_FullWidth_FoldsToAscii()
    {
        Assert.Equal(["abc123", "5g"], TextAnalyzer.Terms("ＡＢＣ１２３　５Ｇ"));
    }

    [Theory]
    [InlineData("الطاقة الشمسية", "الطاقه الشمسيه")]
    [InlineData("الطاقة الشمسية", "الطَّاقَةُ الشَّمْسِيَّةُ")]
    [InlineData("الطاقة الشمسية", "الطـــاقة الشمســية")]
    [InlineData("أنظمة الري", "انظمة الري")]
    [InlineData("إدارة المياه", "ادارة المياه")]
    [InlineData("آلات زراعية", "الات زراعية")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("مؤسسة", "موسسة")]
    [InlineData("بيئية", "بيئيه")]
    [InlineData("طاقة", "والطاقة")]
    [InlineData("طاقة", "بالطاقة")]
    [InlineData("طاقة", "للطاقة")]
    [InlineData("تحلية مياه البحر", "وتحلية المياه في البحر")]
    [InlineData("ﺍﻟﻄﺎﻗﺔ", "الطاقة")]
    public void Terms_ArabicVariants_FoldToSameTerms(string a, string b)
    {
        Assert.Equal(TextAnalyzer.Terms(a), TextAnalyzer.Terms(b));
    }

    [Fact]
    public void Terms_ArabicIndicDigits_BecomeAscii()
    {
        Assert.Equal(["2024"], TextAnalyzer.Terms("٢٠٢٤"));
        Assert.Equal(["2024"], TextAnalyzer.Terms("۲۰۲۴"));
    }

    [Fact]
    public void Terms_ArabicShortStem_KeepsThreeLetters()
    {
        Assert.Equal(TextAnalyzer.Terms("ذكي"), TextAnalyzer.Terms("الذكية"));
        Assert.Equal(["شمس"], TextAnalyzer.Terms("الشمسية"));
    }

    [Theory]
    [InlineData("pump", "pumps")]
    [InlineData("pump", "pumping")]
    [InlineData("pump", "pumped")]
    [InlineData("battery", "batteries")]
    [InlineData("process", "processes")]
    [InlineData("desalinate", "desalinated")]
    [InlineData("membrane", "membranes")]
    [InlineData("irrigated", "irrigating")]
    [InlineData("énergie", "ENERGIES")]
    [InlineData("technologie", "technology")]
    [InlineData("canal", "canaux")]
    [InlineData("eau", "eaux")]
    [InlineData("irrigué", "irriguées")]
    [InlineData("Ökologie", "okologie")]
    [InlineData("Straße", "strasse")]
    [InlineData("cœur", "coeur")]
    public void Terms_LatinInflectionsAndAccents_Conflate(string a, string b)
    {
        Assert.Equal(TextAnalyzer.Terms(a), TextAnalyzer.Terms(b));
    }

    [Fact]
    public void Terms_LatinShortWords_AreNotStemmed()
    {
        Assert.Equal(["gas", "bus"], TextAnalyzer.Terms("gas bus"));
        Assert.Equal(["analysis", "virus"], TextAnalyzer.Terms("analysis virus"));
    }

    [Fact]
    public void Terms_StopWords_AreDropped()
    {
        Assert.Equal(TextAnalyzer.Terms("pumps irrigation"), TextAnalyzer.Terms("pumps for the irrigation"));
        Assert.Equal(["pompe", "irrigation"], TextAnalyzer.Terms("pompes pour l'irrigation"));
    }

    [Fact]
    public void Terms_Cyrillic_FoldsCaseAndYo()
    {
        Assert.Equal(["елка", "вода"], TextAnalyzer.Terms("Ёлка ВОДА"));
        Assert.Equal(["өвөлжөө", "малчин"], TextAnalyzer.Terms("Өвөлжөө МАЛЧИН"));
    }

    [Fact]
    public void Terms_MixedScripts_SplitRunByRun()
    {
        Assert.Equal(["5g", "基站", "solar", "太阳", "阳能", "طاق"], TextAnalyzer.Terms("5G基站 solar太阳能 الطاقة"));
    }

    [Fact]
    public void Tokenize_Spans_CoverOriginalText()
    {
        const string text = "Énergie «solaire» الطَّاقَة 海水淡化";

        var sut = TextAnalyzer.Tokenize(text);

        Assert.Equal(
            ["Énergie", "solaire", "الطَّاقَة", "海水", "水淡", "淡化"],
            sut.Select(t => text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void AppendTerms_WritesSpaceTerminatedTerms()
    {
        var builder = new System.Text.StringBuilder();

        TextAnalyzer.AppendTerms("Solar 海水", builder, AnalysisMode.Query);

        Assert.Equal("solar 海水 ", builder.ToString());
    }

    [Fact]
    public void Terms_LongWord_IsCut()
    {
        var sut = TextAnalyzer.Terms(new string('x', 200));

        Assert.Equal(64, Assert.Single(sut).Length);
    }

    [Fact]
    public void Terms_EmptyOrPunctuation_NoTerms()
    {
        Assert.Empty(TextAnalyzer.Terms(""));
        Assert.Empty(TextAnalyzer.Terms(" ,.;«»—。、！ "));
    }
}
