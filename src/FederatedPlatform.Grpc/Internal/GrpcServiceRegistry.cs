using Google.Protobuf.Reflection;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>The services mapped in this application, for reflection and health, and the interceptors built once.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ServiceDescriptor> _services = [];
    private IReadOnlyList<Interceptor>? _interceptors;
    private bool _unimplementedRouteMapped;

    public event Action<ServiceDescriptor>? ServiceAdded;

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_lock)
            {
                return [.. _services];
            }
        }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"Service '{service.FullName}' is mapped twice.");
            }
            _services.Add(service);
        }
        ServiceAdded?.Invoke(service);
    }

    public IReadOnlyList<Interceptor> GetInterceptors(IServiceProvider services, GrpcServerOptions options)
    {
        lock (_lock)
        {
            return _interceptors ??= [.. options.Interceptors.Select(create => create(services))];
        }
    }

    /// <summary>True the first time only: the catch-all UNIMPLEMENTED route is mapped once per application.</summary>
    public bool TryClaimUnimplementedRoute()
    {
        lock (_lock)
        {
            var first = !_unimplementedRouteMapped;
            _unimplementedRouteMapped = true;
            return first;
        }
    }
}
