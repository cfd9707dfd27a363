using System.Collections.ObjectModel;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Grpc;

/// <summary>Server interceptors, given as instances or as types created from the service provider.</summary>
public sealed class InterceptorCollection : Collection<Func<IServiceProvider, Interceptor>>
{
    /// <summary>Adds an interceptor instance.</summary>
    public void Add(Interceptor interceptor) => Add(_ => interceptor);

    /// <summary>Adds an interceptor created once from the application's services.</summary>
    public void Add<TInterceptor>()
        where TInterceptor : Interceptor
        => Add(sp => ActivatorUtilities.CreateInstance<TInterceptor>(sp));
}
