using System.Buffers;
using System.Text;

namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// The analysis loop: folds the text code point by code point into runs of one <see cref="CharClass"/>
/// and turns each run into terms (Han bigrams, stemmed Arabic and Latin words, Cyrillic words). Every
/// folded unit remembers the span of the original text it came from, so terms map back to what the
/// author wrote. Working buffers are pooled; sinks are structs; no allocation happens per term.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Longer words (URLs, chemical names) are cut to this many UTF-16 units.</summary>
    public const int MaxTermLength = 64;

    public static void Run<TSink>(ReadOnlySpan<char> text, AnalysisMode mode, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (text.IsEmpty)
        {
            return;
        }

        // Folding at most doubles a code point; one spare unit lets the Latin stemmer append an 'e'.
        var chars = ArrayPool<char>.Shared.Rent((text.Length * CharFolder.MaxFoldedLength) + 1);
        var units = ArrayPool<int>.Shared.Rent((text.Length * 3) + 3);
        try
        {
            var run = new RunBuffer(chars, units, text.Length + 1);
            Span<char> folded = stackalloc char[CharFolder.MaxFoldedLength];
            var i = 0;
            while (i < text.Length)
            {
                Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
                var kind = CharFolder.Fold(rune.Value, folded, out var written);
                switch (kind)
                {
                    case CharClass.Ignorable:
                        run.Extend(i + consumed);
                        break;
                    case CharClass.Separator:
                        run.Flush(mode, ref sink);
                        break;
                    default:
                        if (kind != run.Class)
                        {
                            run.Flush(mode, ref sink);
                            run.Class = kind;
                        }

                        run.Add(folded[..written], i, i + consumed);
                        break;
                }

                i += consumed;
            }

            run.Flush(mode, ref sink);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(units);
        }
    }

    /// <summary>The run being collected: folded characters and, per unit (source code point), its offsets.</summary>
    private struct RunBuffer(char[] chars, int[] units, int stride)
    {
        private int _units;
        private int _chars;

        public CharClass Class { get; set; }

        private readonly Span<int> CharStart => units.AsSpan(0, stride);

        private readonly Span<int> SourceStart => units.AsSpan(stride, stride);

        private readonly Span<int> SourceEnd => units.AsSpan(stride * 2, stride);

        public void Add(ReadOnlySpan<char> folded, int sourceStart, int sourceEnd)
        {
            CharStart[_units] = _chars;
            SourceStart[_units] = sourceStart;
            SourceEnd[_units] = sourceEnd;
            _units++;
            folded.CopyTo(chars.AsSpan(_chars));
            _chars += folded.Length;
        }

        /// <summary>A mark folded to nothing still belongs to the span of the letter it follows.</summary>
        public readonly void Extend(int sourceEnd)
        {
            if (_units > 0)
            {
                SourceEnd[_units - 1] = sourceEnd;
            }
        }

        public void Flush<TSink>(AnalysisMode mode, ref TSink sink)
            where TSink : struct, ITokenSink
        {
            if (_units > 0)
            {
                switch (Class)
                {
                    case CharClass.Han:
                        EmitHan(mode, ref sink);
                        break;
                    case CharClass.Arabic:
                        EmitArabic(ref sink);
                        break;
                    default:
                        EmitWord(ref sink);
                        break;
                }
            }

            _units = 0;
            _chars = 0;
            Class = CharClass.Separator;
        }

        private readonly void EmitHan<TSink>(AnalysisMode mode, ref TSink sink)
            where TSink : struct, ITokenSink
        {
            if (_units == 1)
            {
                sink.Accept(chars.AsSpan(0, _chars), SourceStart[0], SourceEnd[0]);
                return;
            }

            for (var u = 0; u < _units; u++)
            {
                if (mode == AnalysisMode.Index)
                {
                    sink.Accept(chars.AsSpan(CharStart[u], UnitEnd(u) - CharStart[u]), SourceStart[u], SourceEnd[u]);
                }

                if (u + 1 < _units)
                {
                    sink.Accept(chars.AsSpan(CharStart[u], UnitEnd(u + 1) - CharStart[u]), SourceStart[u], SourceEnd[u + 1]);
                }
            }
        }

        private readonly void EmitArabic<TSink>(ref TSink sink)
            where TSink : struct, ITokenSink
        {
            var word = chars.AsSpan(0, Math.Min(_chars, MaxTermLength));
            if (_units < 2 || StopWords.Contains(word))
            {
                return;
            }

            var (start, length) = ArabicStemmer.Stem(word);
            sink.Accept(word.Slice(start, length), SourceStart[0], SourceEnd[_units - 1]);
        }

        private readonly void EmitWord<TSink>(ref TSink sink)
            where TSink : struct, ITokenSink
        {
            var length = Math.Min(_chars, MaxTermLength);
            if (length < _chars && char.IsHighSurrogate(chars[length - 1]))
            {
                length--;
            }

            var word = chars.AsSpan(0, length);
            if ((_units == 1 && !char.IsAsciiDigit(word[0])) || StopWords.Contains(word))
            {
                return;
            }

            if (!word.ContainsAnyExceptInRange('a', 'z'))
            {
                length = LatinStemmer.Stem(chars.AsSpan(0, length + 1), length);
            }

            sink.Accept(chars.AsSpan(0, length), SourceStart[0], SourceEnd[_units - 1]);
        }

        private readonly int UnitEnd(int u) => u + 1 < _units ? CharStart[u + 1] : _chars;
    }
}
