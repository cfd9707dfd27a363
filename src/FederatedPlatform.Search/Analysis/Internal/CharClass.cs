namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>What a folded code point contributes to tokenization.</summary>
internal enum CharClass : byte
{
    /// <summary>Ends the current run (spaces, punctuation, symbols, the Chinese particle 的).</summary>
    Separator,

    /// <summary>Folds to nothing but does not split a word: accents, Arabic diacritics, tatweel, joiners.</summary>
    Ignorable,

    /// <summary>Han ideographs and Japanese kana: written without spaces, indexed as character bigrams.</summary>
    Han,

    /// <summary>Arabic-script letters: indexed as words after light stemming.</summary>
    Arabic,

    /// <summary>Letters and digits of space-delimited scripts (Latin, Cyrillic, Greek, …) and all digits.</summary>
    Word,
}
