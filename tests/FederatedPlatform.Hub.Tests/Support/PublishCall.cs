using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>A Publish stream as a test drives it: send, read the next response, read the final status.</summary>
public sealed class PublishCall(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call) : IDisposable
{
    public Task SendAsync(PublishRequest request) => call.RequestStream.WriteAsync(request).WithTimeout();

    public Task HelloAsync(string centerId, ulong epoch, ulong lastSeq = 0) =>
        SendAsync(new PublishRequest { Hello = new Hello { CenterId = centerId, Epoch = epoch, LastSeq = lastSeq } });

    /// <summary>Says hello and returns the welcome.</summary>
    public async Task<Welcome> OpenAsync(string centerId, ulong epoch)
    {
        await HelloAsync(centerId, epoch);
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

    /// <summary>
    /// Says hello on a call the hub refuses at its headers: the refusal can end the call before the hello is
    /// written, so it surfaces from the write or from the read.
    /// </summary>
    public async Task<RpcException> HelloRefusedAsync(string centerId, ulong epoch)
    {
        try
        {
            await HelloAsync(centerId, epoch);
        }
        catch (RpcException e)
        {
            return e;
        }
        return await ReadErrorAsync();
    }

    /// <summary>Reads to the end of the stream and returns the error status it ended with.</summary>
    public async Task<RpcException> ReadErrorAsync()
    {
        while (true)
        {
            try
            {
                if (!await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout())
                {
                    Assert.Fail("the Publish stream ended with OK, not an error");
                }
            }
            catch (RpcException e)
            {
                return e;
            }
        }
    }

    public Task CompleteAsync() => call.RequestStream.CompleteAsync().WithTimeout();

    public void Dispose() => call.Dispose();
}
