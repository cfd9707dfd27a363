using System.Buffers.Text;
using Microsoft.Extensions.Primitives;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Converts metadata to and from HTTP/2 header values (binary values as base64).</summary>
internal static class MetadataCodec
{
    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds one header to metadata; returns false when a binary value is not valid base64.</summary>
    public static bool TryAdd(Metadata metadata, string name, StringValues values)
    {
        if (!IsValidKey(name))
        {
            // HTTP allows header names that gRPC metadata does not; such headers are not metadata.
            return true;
        }
        var isBinary = Metadata.Entry.IsBinaryKey(name);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }
            if (isBinary)
            {
                // Several binary values may arrive comma-joined in one header.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!TryDecodeBase64(part, out var bytes))
                    {
                        return false;
                    }
                    metadata.Add(name, bytes);
                }
            }
            else if (IsPrintableAscii(value))
            {
                metadata.Add(name, value);
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsValidKey(string name)
    {
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }
        }
        return name.Length > 0;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
