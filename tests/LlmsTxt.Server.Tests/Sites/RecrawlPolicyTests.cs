using LlmsTxt.Server.Sites;

namespace LlmsTxt.Server.Tests.Sites;

public sealed class RecrawlPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static CrawlSite Site(TimeSpan interval, TimeSpan? average = null, DateTimeOffset? lastChange = null) =>
        new() { BaseUrl = "https://s.example/", RecrawlInterval = interval, AverageChangeInterval = average, LastChangedAt = lastChange };

    [Fact]
    public void MovingAverageWeighsTheNewestIntervalByHalf()
    {
        var site = Site(TimeSpan.FromDays(1), TimeSpan.FromHours(10), Now.AddHours(-30));
        Assert.Equal(TimeSpan.FromHours(20), RecrawlPolicy.AverageAfterChange(site, Now));
    }

    [Fact]
    public void FirstObservedIntervalStartsTheAverage()
    {
        Assert.Equal(TimeSpan.FromHours(5), RecrawlPolicy.AverageAfterChange(Site(TimeSpan.FromDays(1), null, Now.AddHours(-5)), Now));
        Assert.Null(RecrawlPolicy.AverageAfterChange(Site(TimeSpan.FromDays(1)), Now));
    }

    [Theory]
    [InlineData(10, 60)]          // 10 min average → clamped up to 1 h
    [InlineData(600, 600)]        // 10 h stays
    [InlineData(20_000, 10_080)]  // ~14 days → clamped down to 7 days
    public void AdaptiveDelayIsClampedToOneHourAndSevenDays(int averageMinutes, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), RecrawlPolicy.NextDelay(Site(TimeSpan.FromDays(1)), TimeSpan.FromMinutes(averageMinutes), adaptive: true));

    [Fact]
    public void FixedModeUsesTheSiteInterval() =>
        Assert.Equal(TimeSpan.FromHours(3), RecrawlPolicy.NextDelay(Site(TimeSpan.FromHours(3)), TimeSpan.FromMinutes(5), adaptive: false));

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(6, 1800)]   // 3200 s capped at the 30 min site interval
    [InlineData(40, 1800)]
    public void BackoffDoublesUpToTheSiteInterval(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RecrawlPolicy.Backoff(failures, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(30)));
}
