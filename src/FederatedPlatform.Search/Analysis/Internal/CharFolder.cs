using System.Globalization;
using System.Text;

namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// Folds one code point to its index form: width (full-width ASCII to ASCII), case, Latin accents and
/// ligatures, Cyrillic ё, Arabic letter variants, diacritics, tatweel and Arabic-Indic digits.
/// Pure and allocation-free; the same folding serves indexing and querying.
/// </summary>
internal static class CharFolder
{
    /// <summary>The most characters one code point can fold to.</summary>
    public const int MaxFoldedLength = 2;

    private const char Alef = '\u0627';
    private const char Heh = '\u0647';
    private const char Waw = '\u0648';
    private const char Yeh = '\u064A';
    private const char Kaf = '\u0643';
    private const char Lam = '\u0644';

    /// <summary>Folds <paramref name="codePoint"/> into <paramref name="destination"/> (at least <see cref="MaxFoldedLength"/> long).</summary>
    public static CharClass Fold(int codePoint, Span<char> destination, out int written)
    {
        written = 0;
        if (codePoint < 0x80)
        {
            return Ascii(codePoint, destination, ref written);
        }

        if (codePoint is >= 0xFF01 and <= 0xFF5E)
        {
            return Ascii(codePoint - 0xFEE0, destination, ref written);
        }

        if (IsIgnorableMark(codePoint))
        {
            return CharClass.Ignorable;
        }

        if (codePoint is >= 0x0600 and <= 0x06FF)
        {
            return Arabic(codePoint, destination, ref written);
        }

        if (codePoint is >= FoldTables.ArabicPresentationStart and <= 0xFEFC)
        {
            return ArabicPresentation(codePoint, destination, ref written);
        }

        if (codePoint is >= FoldTables.LatinStart and < FoldTables.LatinStart + 0x190)
        {
            return Latin(codePoint, FoldTables.Latin1AndExtended[codePoint - FoldTables.LatinStart], destination, ref written);
        }

        if (codePoint is >= FoldTables.LatinAdditionalStart and <= 0x1EFF)
        {
            return Latin(codePoint, FoldTables.LatinExtendedAdditional[codePoint - FoldTables.LatinAdditionalStart], destination, ref written);
        }

        if (IsHan(codePoint))
        {
            // 的 is by far the most frequent Chinese character and almost always the attributive particle;
            // splitting runs at it keeps 海水淡化的技术 matching 海水淡化技术 without a word dictionary.
            if (codePoint == 0x7684)
            {
                return CharClass.Separator;
            }

            written = new Rune(codePoint).EncodeToUtf16(destination);
            return CharClass.Han;
        }

        if (codePoint is 0x0401 or 0x0451)
        {
            destination[0] = '\u0435'; // ё and Ё are written е in most Russian and Mongolian text
            written = 1;
            return CharClass.Word;
        }

        return Other(codePoint, destination, ref written);
    }

    /// <summary>True for Han ideographs, kana and the CJK iteration marks.</summary>
    public static bool IsHan(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x323AF) or 0x3005 or 0x3007 or (>= 0x3041 and <= 0x3096)
            or (>= 0x309D and <= 0x309F) or (>= 0x30A1 and <= 0x30FA) or (>= 0x30FC and <= 0x30FF)
            or (>= 0x31F0 and <= 0x31FF) or (>= 0xFF66 and <= 0xFF9D);

    private static CharClass Ascii(int c, Span<char> destination, ref int written)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            destination[0] = (char)c;
        }
        else if (c is >= 'A' and <= 'Z')
        {
            destination[0] = (char)(c + 32);
        }
        else
        {
            return CharClass.Separator;
        }

        written = 1;
        return CharClass.Word;
    }

    private static bool IsIgnorableMark(int c) =>
        c is (>= 0x0300 and <= 0x036F) or (>= 0x1AB0 and <= 0x1AFF) or (>= 0x1DC0 and <= 0x1DFF)
            or (>= 0x20D0 and <= 0x20FF) or (>= 0xFE20 and <= 0xFE2F)
            or (>= 0x064B and <= 0x065F) or 0x0670 or 0x0640 or (>= 0x06D6 and <= 0x06ED)
            or 0x00AD or 0x200C or 0x200D or 0xFEFF or 0x3099 or 0x309A;

    private static CharClass Arabic(int c, Span<char> destination, ref int written)
    {
        if (c is >= 0x0660 and <= 0x0669)
        {
            return Digit(c - 0x0660, destination, ref written);
        }

        if (c is >= 0x06F0 and <= 0x06F9)
        {
            return Digit(c - 0x06F0, destination, ref written);
        }

        char folded = c switch
        {
            0x0622 or 0x0623 or 0x0625 or 0x0671 or 0x0672 or 0x0673 => Alef,
            0x0629 or 0x06C0 => Heh,
            0x0649 or 0x0626 or 0x06CC => Yeh,
            0x0624 => Waw,
            0x06A9 => Kaf,
            (>= 0x0621 and <= 0x063A) or (>= 0x0641 and <= 0x064A) or 0x066E or 0x066F
                or (>= 0x0674 and <= 0x06D3) or (>= 0x06FA and <= 0x06FC) or 0x06FF => (char)c,
            _ => '\0',
        };
        if (folded == '\0')
        {
            return CharClass.Separator;
        }

        destination[0] = folded;
        written = 1;
        return CharClass.Arabic;
    }

    private static CharClass ArabicPresentation(int c, Span<char> destination, ref int written)
    {
        var mapped = FoldTables.ArabicPresentationB[c - FoldTables.ArabicPresentationStart];
        if (mapped == '-')
        {
            return CharClass.Ignorable;
        }

        if (mapped == '.')
        {
            if (c < 0xFEF5)
            {
                return CharClass.Separator;
            }

            // The lam-alef ligatures fold to lam followed by a bare alef.
            destination[0] = Lam;
            destination[1] = Alef;
            written = 2;
            return CharClass.Arabic;
        }

        return Arabic(mapped, destination, ref written);
    }

    private static CharClass Latin(int c, char baseLetter, Span<char> destination, ref int written)
    {
        if (baseLetter != '.')
        {
            destination[0] = baseLetter;
            written = 1;
            return CharClass.Word;
        }

        ReadOnlySpan<char> expansion = c switch
        {
            0x00C6 or 0x00E6 => "ae",
            0x0152 or 0x0153 => "oe",
            0x00DF => "ss",
            0x00DE or 0x00FE => "th",
            0x0132 or 0x0133 => "ij",
            0x00D8 or 0x00F8 => "o",
            0x00D0 or 0x00F0 or 0x0110 or 0x0111 => "d",
            0x0126 or 0x0127 => "h",
            0x0131 => "i",
            0x0138 => "k",
            0x0141 or 0x0142 => "l",
            0x0149 or 0x014A or 0x014B => "n",
            _ => default,
        };
        if (!expansion.IsEmpty)
        {
            expansion.CopyTo(destination);
            written = expansion.Length;
            return CharClass.Word;
        }

        return Other(c, destination, ref written);
    }

    private static CharClass Other(int c, Span<char> destination, ref int written)
    {
        var rune = new Rune(c);
        if (Rune.IsLetterOrDigit(rune))
        {
            written = Rune.ToLowerInvariant(rune).EncodeToUtf16(destination);
            return CharClass.Word;
        }

        // Marks of other scripts (Devanagari vowel signs, …) belong to their word.
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            ? Mark(rune, destination, ref written)
            : CharClass.Separator;
    }

    private static CharClass Mark(Rune rune, Span<char> destination, ref int written)
    {
        written = rune.EncodeToUtf16(destination);
        return CharClass.Word;
    }

    private static CharClass Digit(int value, Span<char> destination, ref int written)
    {
        destination[0] = (char)('0' + value);
        written = 1;
        return CharClass.Word;
    }
}
