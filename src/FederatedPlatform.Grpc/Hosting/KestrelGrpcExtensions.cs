using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FederatedPlatform.Grpc;

/// <summary>Kestrel listen helpers for gRPC endpoints.</summary>
public static class KestrelGrpcExtensions
{
    /// <summary>
    /// Listens for HTTP/2 on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port): h2c with
    /// prior knowledge, or TLS with ALPN h2 when <paramref name="certificatePath"/> names a PFX/PEM certificate.
    /// </summary>
    public static void ListenGrpc(this KestrelServerOptions options, IPAddress address, int port, string? certificatePath = null, string? certificatePassword = null)
    {
        options.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificatePath is not null)
            {
                listen.UseHttps(certificatePath, certificatePassword);
            }
        });
        // Many concurrent streams per connection is the point of HTTP/2 for gRPC clients.
        options.Limits.Http2.MaxStreamsPerConnection = 1000;
        options.AddServerHeader = false;
    }
}
