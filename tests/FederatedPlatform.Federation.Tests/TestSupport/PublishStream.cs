using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>A hand-driven Publish stream: what a (misbehaving) node would send, with every read bounded.</summary>
public sealed class PublishStream(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call) : IDisposable
{
    public Task SendAsync(PublishRequest request) => call.RequestStream.WriteAsync(request).WithTimeout();

    /// <summary>Says hello and returns the welcome.</summary>
    public async Task<Welcome> OpenAsync(string centerId, ulong epoch)
    {
        await SendAsync(new PublishRequest { Hello = new Hello { CenterId = centerId, Epoch = epoch } });
        var response = await ReadAsync();
        Assert.Equal(PublishResponse.KindOneofCase.Welcome, response.KindCase);
        return response.Welcome;
    }

    public Task ChangeAsync(ulong seq, Record record) => SendAsync(new PublishRequest { Change = new Change { Seq = seq, Record = record } });

    public async Task<PublishResponse> ReadAsync()
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(), "the Publish stream ended");
        return call.ResponseStream.Current;
    }

    /// <summary>Reads responses until an ack covering <paramref name="seq"/>; returns everything read.</summary>
    public async Task<List<PublishResponse>> ReadUntilAckAsync(ulong seq)
    {
        var responses = new List<PublishResponse>();
        while (true)
        {
            var response = await ReadAsync();
            responses.Add(response);
            if (response.KindCase == PublishResponse.KindOneofCase.Ack && response.Ack.AppliedSeq >= seq)
            {
                return responses;
            }
        }
    }

    /// <summary>Reads to the end of the stream: the responses before the error, and the error.</summary>
    public async Task<(List<PublishResponse> Responses, RpcException Error)> ReadToErrorAsync()
    {
        var responses = new List<PublishResponse>();
        while (true)
        {
            try
            {
                if (!await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout())
                {
                    Assert.Fail("the Publish stream ended with OK, not an error");
                }

                responses.Add(call.ResponseStream.Current);
            }
            catch (RpcException e)
            {
                return (responses, e);
            }
        }
    }

    public Task CompleteAsync() => call.RequestStream.CompleteAsync().WithTimeout();

    public void Dispose() => call.Dispose();
}
