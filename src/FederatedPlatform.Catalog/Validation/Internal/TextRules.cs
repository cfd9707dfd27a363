using System.Buffers;
using System.Globalization;
using System.Text;

namespace FederatedPlatform.Catalog.Validation.Internal;

/// <summary>Character-level checks shared by record, center and filter validation.</summary>
internal static class TextRules
{
    // Everything the slow path below could object to: C0/C1 controls, surrogates, U+FFFE/U+FFFF.
    // Ordinary text contains none, so one vectorised scan settles most strings.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        string.Concat(
            Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0xD800, 0x800))
                .Append(0xFFFE).Append(0xFFFF).Select(c => (char)c)));

    /// <summary>Length in code points, so a CJK or Arabic title gets the same budget as a Latin one.</summary>
    public static int CodePointLength(string text)
    {
        var surrogatePairs = 0;
        foreach (var c in text)
        {
            if (char.IsHighSurrogate(c))
            {
                surrogatePairs++;
            }
        }

        return text.Length - surrogatePairs;
    }

    /// <summary>Null when the text is acceptable, otherwise the reason.</summary>
    public static string? CheckText(string text, int maxLength, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "empty";
        }

        if (text.Length > maxLength && CodePointLength(text) > maxLength)
        {
            return $"longer than {maxLength} characters";
        }

        if (!text.AsSpan().ContainsAny(Suspicious))
        {
            return null;
        }

        if (text.AsSpan().ContainsAny('\uFFFE', '\uFFFF') || !IsWellFormedUtf16(text))
        {
            return "contains an invalid character";
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control
                && !(multiline && (rune.Value == '\n' || rune.Value == '\r' || rune.Value == '\t')))
            {
                return multiline ? "contains a control character" : "contains a control character or line break";
            }
        }

        return null;
    }

    /// <summary>Center ids: 1..max of [a-z0-9-], starting with a letter or digit.</summary>
    public static string? CheckCenterId(string id, int maxLength)
    {
        if (id.Length == 0)
        {
            return "required";
        }

        if (id.Length > maxLength)
        {
            return $"longer than {maxLength} characters";
        }

        if (!IsLowerAlphaNumeric(id[0]))
        {
            return "must start with a lowercase letter or digit";
        }

        foreach (var c in id)
        {
            if (!IsLowerAlphaNumeric(c) && c != '-')
            {
                return "may contain only lowercase letters, digits and '-'";
            }
        }

        return null;
    }

    /// <summary>Local ids: 1..max of [A-Za-z0-9._-], starting with a letter or digit (ASCII, so byte order is universal).</summary>
    public static string? CheckLocalId(string id, int maxLength)
    {
        if (id.Length == 0)
        {
            return "required";
        }

        if (id.Length > maxLength)
        {
            return $"longer than {maxLength} characters";
        }

        if (!char.IsAsciiLetterOrDigit(id[0]))
        {
            return "must start with a letter or digit";
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
            {
                return "may contain only letters, digits, '.', '_' and '-'";
            }
        }

        return null;
    }

    /// <summary>A BCP 47 tag in the shape the catalog keys maps by: lowercase primary subtag, then subtags.</summary>
    public static string? CheckLanguageTag(string tag, int maxLength)
    {
        const string Reason = "not a BCP 47 language tag such as zh, ar, en or zh-Hans";
        if (tag.Length == 0)
        {
            return "empty language tag";
        }

        if (tag.Length > maxLength)
        {
            return $"language tag longer than {maxLength} characters";
        }

        var rest = tag.AsSpan();
        var first = true;
        while (true)
        {
            var dash = rest.IndexOf('-');
            var part = dash < 0 ? rest : rest[..dash];
            var valid = first
                ? part.Length is >= 2 and <= 3 && !part.ContainsAnyExceptInRange('a', 'z')
                : part.Length is >= 1 and <= 8 && IsAsciiLettersOrDigits(part);
            if (!valid)
            {
                return Reason;
            }

            if (dash < 0)
            {
                return null;
            }

            rest = rest[(dash + 1)..];
            first = false;
        }
    }

    /// <summary>ISO 3166-1 alpha-2 shape: two uppercase ASCII letters.</summary>
    public static bool IsCountryCode(string code) =>
        code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    /// <summary>ISO 4217 shape: three uppercase ASCII letters.</summary>
    public static bool IsCurrencyCode(string code) =>
        code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    /// <summary>A deliberately loose address check: one '@', non-empty parts, a dot in the domain, no spaces.</summary>
    public static bool IsEmailAddress(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        return domain.Contains('.') && domain[0] != '.' && domain[^1] != '.'
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    /// <summary>Digits, spaces and + ( ) - . with at least one digit.</summary>
    public static bool IsPhoneNumber(string phone) =>
        phone.Any(char.IsAsciiDigit) && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.');

    private static bool IsAsciiLettersOrDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphaNumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
