using System.Buffers.Text;
using System.Security.Cryptography;

namespace FederatedPlatform.Catalog.Registry.Internal;

/// <summary>
/// Bearer tokens <c>fp_&lt;credential id&gt;_&lt;secret&gt;</c>: a 16-hex-digit id that locates the
/// stored hash, and a 32-byte random secret in base64url. The secret has 256 bits of entropy, so a
/// plain SHA-256 is a sufficient verifier (a slow password hash defends low-entropy secrets only).
/// </summary>
internal static class CredentialToken
{
    public const string Prefix = "fp_";
    public const int IdLength = 16;
    public const int SecretBytes = 32;
    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);

    public static (string Id, string Token, byte[] Hash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var token = $"{Prefix}{id}_{Base64Url.EncodeToString(secret)}";
        return (id, token, SHA256.HashData(secret));
    }

    /// <summary>Splits a token into its id and the hash of its secret; false when it is not a token.</summary>
    public static bool TryParse(string token, out string id, out byte[] hash)
    {
        id = string.Empty;
        hash = [];
        if (token.Length != Prefix.Length + IdLength + 1 + SecretLength
            || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = token.AsSpan(Prefix.Length, IdLength);
        foreach (var c in idPart)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        Span<byte> secret = stackalloc byte[SecretBytes];
        var encoded = token.AsSpan(Prefix.Length + IdLength + 1);
        if (Base64Url.DecodeFromChars(encoded, secret, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != SecretBytes)
        {
            return false;
        }

        id = idPart.ToString();
        hash = SHA256.HashData(secret);
        return true;
    }
}
