using FederatedPlatform.Search.Internal;

namespace FederatedPlatform.Search.Tests.Internal;

public sealed class TermCountsTests
{
    [Theory]
    [InlineData("solar pump solar ", "solar", false, 2)]
    [InlineData("solarpump pump ", "pump", false, 1)]
    [InlineData("pumps pump ", "pump", false, 1)]
    [InlineData("опреснения опреснение вода ", "опреснени", true, 2)]
    [InlineData("", "pump", false, 0)]
    public void Occurrences_StoredField_CountsWholeTermsOrPrefixes(string field, string term, bool prefix, int expected) =>
        Assert.Equal(expected, TermCounts.Occurrences(field, new QueryTerm(term, prefix)));

    [Fact]
    public void Tokens_StoredField_CountsTerms() => Assert.Equal(3, TermCounts.Tokens("海水 水淡 淡化 "));
}
