namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// Function words that carry no topic (English, French, Russian, Mongolian and Arabic particles).
/// Dropping them at both index and query time keeps "pumps for irrigation" matching "irrigation pumps"
/// when every query term is required. Lists are written as a speaker spells them and folded once.
/// </summary>
internal static class StopWords
{
    private static readonly string[] Source =
    [
        // English
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it",
        "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "which", "with", "within",
        "via", "per", "our", "we", "can",
        // French
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "au", "aux", "pour", "par", "sur", "dans",
        "avec", "sans", "est", "sont", "ce", "ces", "cette", "qui", "que", "son", "sa", "ses", "leur", "leurs", "à",
        "ou", "ne", "pas", "d", "l",
        // Russian
        "и", "в", "во", "не", "что", "на", "с", "со", "как", "а", "то", "но", "к", "у", "же", "за", "по", "от",
        "из", "для", "при", "это", "о", "об", "или",
        // Mongolian
        "ба", "болон", "нь", "юм", "энэ", "тэр", "бол", "мөн", "буюу", "зэрэг", "дээр", "байна", "байгаа",
        // Arabic
        "في", "من", "على", "إلى", "عن", "مع", "أو", "ثم", "أن", "إن", "كان", "هذا", "هذه", "ذلك", "تلك", "التي",
        "الذي", "الذين", "ما", "لا", "لم", "لن", "قد", "كل", "بين", "عند", "حتى", "هو", "هي", "هم", "عبر", "لدى",
        "حول", "خلال", "ضمن", "و",
    ];

    private static readonly HashSet<string> Folded = Build();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Folded.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the folded word is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> foldedWord) => Lookup.Contains(foldedWord);

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[CharFolder.MaxFoldedLength];
        foreach (var word in Source)
        {
            var folded = new System.Text.StringBuilder(word.Length);
            foreach (var rune in word.EnumerateRunes())
            {
                if (CharFolder.Fold(rune.Value, buffer, out var written) is not (CharClass.Separator or CharClass.Ignorable))
                {
                    folded.Append(buffer[..written]);
                }
            }

            set.Add(folded.ToString());
        }

        return set;
    }
}
