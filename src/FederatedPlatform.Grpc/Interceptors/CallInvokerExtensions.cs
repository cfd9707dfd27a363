namespace FederatedPlatform.Grpc;

/// <summary>Adds client interceptors to a call invoker.</summary>
public static class CallInvokerExtensions
{
    /// <summary>Returns an invoker that runs <paramref name="interceptors"/> (first is outermost) before <paramref name="invoker"/>.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params Interceptor[] interceptors)
    {
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            invoker = new Internal.InterceptingCallInvoker(invoker, interceptors[i]);
        }
        return invoker;
    }
}
