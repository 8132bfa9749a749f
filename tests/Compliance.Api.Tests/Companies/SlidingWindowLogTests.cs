using Compliance.Api.Companies;

namespace Compliance.Api.Tests.Companies;

public sealed class SlidingWindowLogTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void SixHundredGoAtOnce_TheNextWaitsForTheFirstToLeaveTheWindow()
    {
        var clock = new ManualClock();
        var log = new SlidingWindowLog(600, Window, clock);
        for (var i = 0; i < 600; i++)
        {
            log.TryReserve(TimeSpan.Zero).Should().Be(TimeSpan.Zero);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 60 s have passed: the first request leaves the window 240 s from now.
        log.TryReserve(TimeSpan.FromSeconds(10)).Should().BeNull("the wait is beyond what the caller accepts, and nothing is reserved");
        log.TryReserve(Window).Should().Be(TimeSpan.FromSeconds(240));
        log.TryReserve(Window).Should().Be(TimeSpan.FromSeconds(240.1), "the next slot frees when the second request leaves");
        clock.Advance(TimeSpan.FromSeconds(240));
        log.TryReserve(TimeSpan.Zero).Should().BeNull("the two slots freed by now went to the reservations");
        log.TryReserve(TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromSeconds(0.2), "the third request of the first minute leaves the window next");
    }

    [Fact]
    public void NoWindowEverHoldsMoreThanTheLimit()
    {
        var clock = new ManualClock();
        var log = new SlidingWindowLog(5, TimeSpan.FromSeconds(10), clock);
        var sends = new List<DateTimeOffset>();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
            if (log.TryReserve(TimeSpan.FromSeconds(30)) is { } wait)
            {
                sends.Add(clock.GetUtcNow() + wait);
            }
        }

        sends.Should().HaveCountGreaterThan(100);
        sends.Should().BeInAscendingOrder();
        for (var i = 5; i < sends.Count; i++)
        {
            (sends[i] - sends[i - 5]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), "any six sends span more than the window");
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
