using System.Buffers.Text;
using System.Text;

namespace FederatedPlatform.Catalog.Reading;

/// <summary>A position in (center_id, local_id) order, for keyset paging; encodes to a page token.</summary>
public sealed record RecordKey(string CenterId, string LocalId)
{
    /// <summary>An opaque, URL-safe page token.</summary>
    public string ToToken() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CenterId}/{LocalId}"));

    /// <summary>Parses a token made by <see cref="ToToken"/>; false for anything else.</summary>
    public static bool TryParse(string token, out RecordKey? key)
    {
        key = null;
        if (token.Length is 0 or > 1024 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            return false;
        }

        key = new RecordKey(text[..slash], text[(slash + 1)..]);
        return true;
    }
}
