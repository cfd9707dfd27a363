using FederatedPlatform.Contracts.V1;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Hub.Internal;

/// <summary>The services of hub.proto and the full names of their methods.</summary>
internal static class HubDescriptors
{
    public static readonly ServiceDescriptor Hub = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub");

    public static readonly ServiceDescriptor Registry = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Registry");

    public static readonly ServiceDescriptor CatalogSearch = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CatalogSearch");

    public static readonly ServiceDescriptor Matchmaking = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Matchmaking");

    public static string FullName(ServiceDescriptor service, string method) => "/" + service.FullName + "/" + method;
}
