using System.Collections.Frozen;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// The lowercase text codes of the contract's enums (records.proto convention: the value name without
/// its type prefix, lowercased, e.g. SECTOR_WATER_SAVING to "water_saving"), read from the descriptors.
/// </summary>
internal static class EnumCodes
{
    private static readonly FrozenDictionary<int, string> Kinds = Build("RecordKind");
    private static readonly FrozenDictionary<int, string> Sectors = Build("Sector");
    private static readonly FrozenDictionary<int, string> Statuses = Build("RecordStatus");
    private static readonly FrozenDictionary<int, string> Modes = Build("CooperationMode");

    public static string Of(RecordKind value) => Lookup(Kinds, (int)value);

    public static string Of(Sector value) => Lookup(Sectors, (int)value);

    public static string Of(RecordStatus value) => Lookup(Statuses, (int)value);

    public static string Of(CooperationMode value) => Lookup(Modes, (int)value);

    private static string Lookup(FrozenDictionary<int, string> codes, int value) =>
        codes.TryGetValue(value, out var code) ? code : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static FrozenDictionary<int, string> Build(string enumName)
    {
        var descriptor = RecordsReflection.Descriptor.EnumTypes.Single(e => e.Name == enumName);
        var prefix = PrefixOf(descriptor);
        return descriptor.Values.ToFrozenDictionary(v => v.Number, v => v.Name[prefix.Length..].ToLowerInvariant());
    }

    private static string PrefixOf(EnumDescriptor descriptor) => descriptor.Values[0].Name[..^"UNSPECIFIED".Length];
}
