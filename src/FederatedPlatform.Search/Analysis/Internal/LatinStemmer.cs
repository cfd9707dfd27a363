namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// Conservative inflection stemming for folded Latin words, shared by English and French because a
/// query carries no language: French plurals (-eaux, -aux, -s) feminine participles (-ee) and -ie nouns, then
/// Porter's step 1 for English plurals and -ed/-ing (steps 1a, 1b and 1c; no derivational suffixes).
/// The same function runs at index and query time, so a rule only has to conflate forms consistently.
/// </summary>
internal static class LatinStemmer
{
    /// <summary>Shortest word that is stemmed at all; shorter words (gas, bus, yes) are kept as written.</summary>
    private const int MinLength = 4;

    /// <summary>
    /// Stems <paramref name="word"/> (lowercase a–z only) in place. The span may be one character
    /// longer than <paramref name="length"/>: Porter's step 1b can add a final 'e'.
    /// </summary>
    public static int Stem(Span<char> word, int length)
    {
        if (length < MinLength)
        {
            return length;
        }

        length = French(word, length);
        length = Step1A(word, length);
        length = Step1B(word, length);
        length = Step1C(word, length);
        return FrenchFinalE(word, length);
    }

    private static int French(Span<char> w, int n)
    {
        if (EndsWith(w, n, "eaux"))
        {
            return n - 1; // eaux -> eau
        }

        if (n >= 5 && EndsWith(w, n, "aux"))
        {
            w[n - 2] = 'l';
            return n - 1; // canaux -> canal
        }

        return n;
    }

    private static int Step1A(Span<char> w, int n)
    {
        if (EndsWith(w, n, "sses") || EndsWith(w, n, "ies"))
        {
            return n - 2;
        }

        if (EndsWith(w, n, "ss") || EndsWith(w, n, "us") || EndsWith(w, n, "is"))
        {
            return n; // keep process, virus, analysis whole
        }

        return w[n - 1] == 's' ? n - 1 : n;
    }

    private static int Step1B(Span<char> w, int n)
    {
        if (EndsWith(w, n, "eed"))
        {
            return Measure(w, n - 3) > 0 ? n - 1 : n;
        }

        int stem;
        if (EndsWith(w, n, "ed"))
        {
            stem = n - 2;
        }
        else if (EndsWith(w, n, "ing"))
        {
            stem = n - 3;
        }
        else
        {
            return n;
        }

        if (stem < 2 || !HasVowel(w, stem))
        {
            return n;
        }

        if (EndsWith(w, stem, "at") || EndsWith(w, stem, "bl") || EndsWith(w, stem, "iz"))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        if (stem >= 2 && w[stem - 1] == w[stem - 2] && IsConsonant(w, stem - 1) && w[stem - 1] is not ('l' or 's' or 'z'))
        {
            return stem - 1;
        }

        if (Measure(w, stem) == 1 && EndsConsonantVowelConsonant(w, stem))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        return stem;
    }

    private static int Step1C(Span<char> w, int n)
    {
        if (w[n - 1] == 'y' && HasVowel(w, n - 1))
        {
            w[n - 1] = 'i';
        }

        return n;
    }

    // irriguee -> irrigue as irrigué; energie -> energi as energies and energy.
    private static int FrenchFinalE(Span<char> w, int n) =>
        n > MinLength && (EndsWith(w, n, "ee") || EndsWith(w, n, "ie")) ? n - 1 : n;

    private static bool EndsWith(ReadOnlySpan<char> w, int n, string suffix) =>
        n >= suffix.Length && w[..n].EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsConsonant(ReadOnlySpan<char> w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    private static bool HasVowel(ReadOnlySpan<char> w, int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Porter's m: the number of vowel-consonant sequences in w[..n].</summary>
    private static int Measure(ReadOnlySpan<char> w, int n)
    {
        var m = 0;
        var i = 0;
        while (i < n && IsConsonant(w, i))
        {
            i++;
        }

        while (i < n)
        {
            while (i < n && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= n)
            {
                break;
            }

            m++;
            while (i < n && IsConsonant(w, i))
            {
                i++;
            }
        }

        return m;
    }

    private static bool EndsConsonantVowelConsonant(ReadOnlySpan<char> w, int n) =>
        n >= 3 && IsConsonant(w, n - 3) && !IsConsonant(w, n - 2) && IsConsonant(w, n - 1)
            && w[n - 1] is not ('w' or 'x' or 'y');
}
