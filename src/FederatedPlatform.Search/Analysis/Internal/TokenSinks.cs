using System.Text;

namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>Collects tokens with their spans.</summary>
internal readonly struct TokenListSink(List<AnalyzedToken> tokens) : ITokenSink
{
    public List<AnalyzedToken> Tokens => tokens;

    public void Accept(ReadOnlySpan<char> term, int start, int end) => tokens.Add(new AnalyzedToken(term.ToString(), start, end - start));
}

/// <summary>Collects terms only.</summary>
internal readonly struct TermListSink(List<string> terms) : ITokenSink
{
    public List<string> Terms => terms;

    public void Accept(ReadOnlySpan<char> term, int start, int end) => terms.Add(term.ToString());
}

/// <summary>Appends space-terminated terms without allocating per term.</summary>
internal readonly struct StringBuilderSink(StringBuilder builder) : ITokenSink
{
    public void Accept(ReadOnlySpan<char> term, int start, int end) => builder.Append(term).Append(' ');
}
