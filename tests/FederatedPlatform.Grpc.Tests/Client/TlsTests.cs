using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedPlatform.Grpc.Tests.TestSupport;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Tests.Client;

/// <summary>gRPC over TLS (ALPN h2): a server given a certificate file, a client over https.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fedplat-tls-");
    private X509Certificate2 _certificate = null!;
    private WebApplication _app = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory.FullName, "server.pfx");
        await File.WriteAllBytesAsync(path, _certificate.Export(X509ContentType.Pfx, "secret"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0, path, "secret"));
        builder.Services.AddGrpcRuntime();
        _app = builder.Build();
        _app.MapGrpcService(GrpcServiceBuilder.For(TestServices.TestService)
            .Unary<SimpleRequest, SimpleResponse>("UnaryCall", (r, c) => Task.FromResult(new SimpleResponse { Username = c.GetHttpContext().Request.Scheme }))
            .Build());
        await _app.StartAsync();
        _port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    [Fact]
    public async Task UnaryCall_OverTlsWithTrustedCertificate_Succeeds()
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString(),
            },
        };
        using var sut = GrpcChannel.ForAddress($"https://127.0.0.1:{_port}", new GrpcChannelOptions { HttpHandler = handler });

        var response = await sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout();

        Assert.Equal("https", response.Username);
    }

    [Fact]
    public async Task UnaryCall_OverTlsWithUntrustedCertificate_Unavailable()
    {
        using var sut = GrpcChannel.ForAddress($"https://127.0.0.1:{_port}");

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        _directory.Delete(recursive: true);
    }
}
