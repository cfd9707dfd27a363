using FederatedPlatform.Node.Internal;

namespace FederatedPlatform.Node.Tests.Internal;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_FullJitterUnderADoublingCappedCeiling()
    {
        var sut = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(42));

        var delays = Enumerable.Range(0, 8).Select(_ => sut.Next()).ToList();

        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i].TotalMilliseconds, 0, ceilings[i]);
        }
    }

    [Fact]
    public void Next_ManyDraws_SpreadsOverTheWholeRange()
    {
        var random = new Random(7);
        var draws = Enumerable.Range(0, 200).Select(_ => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), random).Next().TotalMilliseconds).ToList();

        Assert.True(draws.Min() < 100, "full jitter reaches near zero");
        Assert.True(draws.Max() > 900, "full jitter reaches near the ceiling");
    }

    [Fact]
    public void Reset_AfterGrowth_StartsFromTheSmallestCeiling()
    {
        var sut = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), new Random(1));
        for (var i = 0; i < 10; i++)
        {
            sut.Next();
        }

        sut.Reset();

        Assert.InRange(sut.Next().TotalMilliseconds, 0, 100);
    }
}
