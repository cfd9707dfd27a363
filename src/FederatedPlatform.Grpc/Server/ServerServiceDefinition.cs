using FederatedPlatform.Grpc.Internal;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Grpc;

/// <summary>A service ready to be mapped: its descriptor and the handlers bound to its methods.</summary>
public sealed class ServerServiceDefinition
{
    internal ServerServiceDefinition(ServiceDescriptor descriptor, IReadOnlyDictionary<string, IServerMethodBinding> bindings)
    {
        Descriptor = descriptor;
        Bindings = bindings;
    }

    /// <summary>The protobuf descriptor of the service.</summary>
    public ServiceDescriptor Descriptor { get; }

    internal IReadOnlyDictionary<string, IServerMethodBinding> Bindings { get; }
}
