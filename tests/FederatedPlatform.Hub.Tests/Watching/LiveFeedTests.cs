using FederatedPlatform.Hub.Watching.Internal;

namespace FederatedPlatform.Hub.Tests.Watching;

/// <summary>The watcher's reusable wake-up: no wake lost between a look for work and the wait, none run twice.</summary>
public sealed class LiveFeedTests
{
    [Fact]
    public async Task WaitAsync_WorkFoundAfterArming_CompletesAtOnce()
    {
        var sut = new LiveFeed();
        var checks = 0;

        var wait = sut.WaitAsync(_ => ++checks > 0, 0);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(1, checks);
        await wait;
    }

    [Fact]
    public async Task WaitAsync_NoWork_CompletesOnlyOnWake()
    {
        var sut = new LiveFeed();

        var wait = sut.WaitAsync(_ => false, 0).AsTask();
        Assert.False(wait.IsCompleted);
        sut.Wake();

        await wait.WithTimeout();
    }

    [Fact]
    public async Task Wake_WhileNotWaiting_IsNotRememberedButTheNextWaitLooksForWork()
    {
        var sut = new LiveFeed();
        var work = false;
        sut.Wake();
        work = true;

        var first = sut.WaitAsync(_ => work, 0);
        Assert.True(first.IsCompletedSuccessfully);
        await first;

        // Nothing to do and the earlier wake already spent: this one waits for a new wake.
        var second = sut.WaitAsync(_ => false, 0).AsTask();
        Assert.False(second.IsCompleted);
        sut.Wake();
        await second.WithTimeout();
    }

    [Fact]
    public async Task WaitAsync_ManyWaitsAndWakes_EachWaitEndsByItsOwnWake()
    {
        var sut = new LiveFeed();
        for (var i = 0; i < 1000; i++)
        {
            var wait = sut.WaitAsync(_ => false, 0).AsTask();
            sut.Wake();
            sut.Wake();
            await wait.WithTimeout();
        }

        // The extra wakes found nobody waiting, so they did not complete this wait in advance.
        var last = sut.WaitAsync(_ => false, 0).AsTask();
        Assert.False(last.IsCompleted);
        sut.Detach();
        await last.WithTimeout();
        Assert.True(sut.Detached);
    }
}
