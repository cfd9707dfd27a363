using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Page tokens of the rejected-changes listing: the last seq of the page, opaque to clients.</summary>
internal static class PageTokens
{
    public static string FromSeq(long seq) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("r" + seq.ToString(CultureInfo.InvariantCulture)));

    public static bool TryParseSeq(string token, out long seq)
    {
        seq = 0;
        if (token.Length is 0 or > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        return text.StartsWith('r') && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    /// <summary>The page size in effect: 0 means 100; anything outside 1-1000 is refused.</summary>
    public static int CheckPageSize(int pageSize) => pageSize switch
    {
        0 => 100,
        >= 1 and <= 1000 => pageSize,
        _ => throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "page_size", "page_size: must be between 1 and 1000 (0 means 100)"),
    };
}
