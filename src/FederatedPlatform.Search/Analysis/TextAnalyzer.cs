using System.Text;
using FederatedPlatform.Search.Analysis.Internal;

namespace FederatedPlatform.Search.Analysis;

/// <summary>
/// Turns text in any language of the federation into index terms, run by run of one script:
/// <list type="bullet">
/// <item>Chinese and Japanese (Han, kana): overlapping character bigrams, so 海水淡化 is found inside
///   太阳能海水淡化技术 and the two-character word 农业 matches; full-width ASCII folds to ASCII.
///   Traditional and simplified characters are not unified.</item>
/// <item>Arabic: أ إ آ ٱ to ا, ة to ه, ى and ئ to ي, ؤ to و; diacritics, tatweel and Quranic marks removed;
///   Arabic-Indic digits to ASCII; the article and conjunction prefixes and common suffixes stripped (light stemming).</item>
/// <item>Latin: case and accents folded (é to e, ß to ss, œ to oe); English and French plural and
///   -ed/-ing inflections conflated (pumps, pumping, pumped to pump).</item>
/// <item>Cyrillic (Russian, Mongolian, Kazakh): case folded, ё to е, no stemming.</item>
/// </list>
/// Function words are dropped. The same analysis runs at index and query time.
/// </summary>
public static class TextAnalyzer
{
    /// <summary>Terms with the span of the original text each came from, in text order.</summary>
    public static IReadOnlyList<AnalyzedToken> Tokenize(string text, AnalysisMode mode = AnalysisMode.Query)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new TokenListSink(new List<AnalyzedToken>());
        Tokenizer.Run(text, mode, ref sink);
        return sink.Tokens;
    }

    /// <summary>The terms of <paramref name="text"/> in text order, repeats included.</summary>
    public static IReadOnlyList<string> Terms(string text, AnalysisMode mode = AnalysisMode.Query)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new TermListSink(new List<string>());
        Tokenizer.Run(text, mode, ref sink);
        return sink.Terms;
    }

    /// <summary>
    /// Appends the terms of <paramref name="text"/> to <paramref name="destination"/>, each followed by one
    /// space, without allocating per term: the form stored in a full-text index that splits on spaces.
    /// </summary>
    public static void AppendTerms(ReadOnlySpan<char> text, StringBuilder destination, AnalysisMode mode = AnalysisMode.Index)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var sink = new StringBuilderSink(destination);
        Tokenizer.Run(text, mode, ref sink);
    }
}
