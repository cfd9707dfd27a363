using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal;

/// <summary>Cooperation modes as a bit set (bit n for the mode numbered n).</summary>
internal static class ModeBits
{
    public static int Of(IEnumerable<CooperationMode> modes)
    {
        var bits = 0;
        foreach (var mode in modes)
        {
            if (mode is > CooperationMode.Unspecified and <= (CooperationMode)30)
            {
                bits |= 1 << (int)mode;
            }
        }

        return bits;
    }
}
