using Microsoft.Extensions.Time.Testing;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class SignInTests
{
    [Fact]
    public void RepeatedFailuresForOneLoginAreSlowedDownMoreAndMore()
    {
        var clock = new FakeTimeProvider(Calls.Opened);
        var throttle = new SignInThrottle(clock);
        var login = $"anna-{Guid.NewGuid():N}";

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            delays.Add(throttle.DelayFor(login));
            throttle.Failed(login);
        }

        Assert.Equal([0, 0, 0, 1, 2, 4, 8, 16], delays.Select(d => d.TotalSeconds));
        Assert.Equal(SignInThrottle.MaxDelay, throttle.DelayFor(login));
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("someone-else"));
    }

    [Fact]
    public void SuccessOrAQuietQuarterOfAnHourClearsTheSlowDown()
    {
        var clock = new FakeTimeProvider(Calls.Opened);
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("anna");
            throttle.Failed("boris");
        }

        throttle.Succeeded("anna");
        clock.Advance(SignInThrottle.Memory + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("anna"));
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("boris"));
    }

    [Fact]
    public void VisitorsInventingLoginsCannotGrowTheThrottlesMemoryNorWashOutARealAttack()
    {
        var clock = new FakeTimeProvider(Calls.Opened);
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("dispatcher1");
        }

        for (var i = 0; i < SignInThrottle.MaxTracked + 500; i++)
        {
            throttle.Failed($"invented-{i}");
        }

        Assert.True(throttle.Count <= SignInThrottle.MaxTracked, $"{throttle.Count} logins remembered");
        Assert.True(throttle.Remembers("dispatcher1"));
        Assert.Equal(SignInThrottle.DelayAfter(5), throttle.DelayFor("dispatcher1"));
    }

    [Fact]
    public void SignInHoldsForOneShiftAtMostAndOnlyWhileTheAccountIsWhatItWasAndItsPasswordUnchanged()
    {
        var signedIn = Calls.Opened;
        var user = new ConsoleUser("anna", "Anna", "pavlodar", new HashSet<AccountRole> { AccountRole.Dispatcher }, signedIn);
        var account = new AccountSnapshot("anna", new AccountProfile("Anna", [AccountRole.Dispatcher], "pavlodar"), false, signedIn, signedIn, signedIn);
        var shift = TimeSpan.FromHours(12);

        Assert.True(AccountRevalidation.StillHolds(user, account, signedIn.AddHours(11), shift));
        Assert.False(AccountRevalidation.StillHolds(user, account, signedIn.AddHours(12).AddSeconds(1), shift));
        Assert.False(AccountRevalidation.StillHolds(user, account with { Disabled = true }, signedIn.AddHours(1), shift));
        Assert.False(AccountRevalidation.StillHolds(user, account with { Profile = account.Profile! with { Roles = [AccountRole.Dispatcher, AccountRole.Supervisor] } }, signedIn.AddHours(1), shift));
        Assert.False(AccountRevalidation.StillHolds(user, account with { Profile = account.Profile! with { CentreId = "ekibastuz" } }, signedIn.AddHours(1), shift));
        Assert.False(AccountRevalidation.StillHolds(user with { SignedInAt = null }, account, signedIn.AddHours(1), shift));

        // A password set after the sign-in (by an administrator who suspects the account) ends it.
        Assert.False(AccountRevalidation.StillHolds(user, account with { PasswordChangedAt = signedIn.AddMinutes(30) }, signedIn.AddHours(1), shift));
        Assert.True(AccountRevalidation.StillHolds(user, account with { PasswordChangedAt = signedIn.AddDays(-3) }, signedIn.AddHours(1), shift));
    }

    [Theory]
    [InlineData("/wall", "/wall")]
    [InlineData("/history?from=2026-11-01", "/history?from=2026-11-01")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void SignInReturnsOnlyToALocalPage(string? requested, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(requested));
}
