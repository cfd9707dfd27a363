namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>Receives the tokens of a text; implemented by structs so the tokenizer loop is specialised per sink.</summary>
internal interface ITokenSink
{
    /// <summary>One term and the [start, end) span of the original text it came from.</summary>
    void Accept(ReadOnlySpan<char> term, int start, int end);
}
