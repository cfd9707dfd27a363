namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// Folding data derived once from the Unicode NFKD/NFKC decompositions (the runtime runs in invariant
/// globalization mode, where <see cref="string.Normalize()"/> does not decompose). One character per
/// code point: the lowercase ASCII base letter, '.' when the code point needs special handling, and
/// in the Arabic table '-' for a mark or tatweel form that folds to nothing.
/// </summary>
internal static class FoldTables
{
    /// <summary>First code point of <see cref="Latin1AndExtended"/>.</summary>
    public const int LatinStart = 0x00C0;

    /// <summary>First code point of <see cref="LatinExtendedAdditional"/>.</summary>
    public const int LatinAdditionalStart = 0x1E00;

    /// <summary>First code point of <see cref="ArabicPresentationB"/>.</summary>
    public const int ArabicPresentationStart = 0xFE70;

    /// <summary>U+00C0..U+024F: Latin-1 Supplement letters, Latin Extended-A and -B.</summary>
    public const string Latin1AndExtended =
        "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y"
        + "aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll."
        + "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzzs"
        + "................................oo.............uu..............."
        + ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...."
        + "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
        + "................";

    /// <summary>U+1E00..U+1EFF: Latin Extended Additional (Vietnamese and others).</summary>
    public const string LatinExtendedAdditional =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
        + "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
        + "wwwwwwwwwwxxxxyyzzzzzzhtwy.s....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
        + "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

    /// <summary>U+FE70..U+FEFF: Arabic Presentation Forms-B, folded to the base letters.</summary>
    public const string ArabicPresentationB =
        "-ـ-.-.-ـ-ـ-ـ-ـ-ـءآآأأؤؤإإئئئئااببببةةتتتتثثثثججججححححخخخخددذذررز"
        + "زسسسسششششصصصصضضضضططططظظظظععععغغغغففففققققككككللللممممننننههههووى"
        + "ىيييي...........";
}
