using Microsoft.Extensions.Configuration;
using Sos.Silo.Demo;

namespace Sos.Tests;

/// <summary>Issue 13: the demo (public passwords and kiosk secret) runs only where nobody else can reach it, or on purpose.</summary>
public sealed class DemoPolicyTests
{
    [Theory]
    [InlineData("Embedded", null, null, true)]
    [InlineData("Embedded", "http://127.0.0.1:5000", null, true)]
    [InlineData("Embedded", "http://localhost:5000;http://[::1]:5001", null, true)]
    [InlineData("Memory", "http://127.0.0.1:5000", null, true)]
    [InlineData("Embedded", "http://0.0.0.0:5000", null, false)]
    [InlineData("Embedded", "http://127.0.0.1:5000;http://10.1.2.3:5000", null, false)]
    [InlineData("Embedded", "http://*:5000", null, false)]
    [InlineData("Embedded", "http://0.0.0.0:5000", "true", true)]
    [InlineData("Embedded", "http://127.0.0.1:5000", "false", false)]
    [InlineData("Cluster", "http://127.0.0.1:5000", "true", false)]
    public void DemoRunsOnlyOnLoopbackOutsideClusterModeUnlessChosen(string mode, string? urls, string? enabled, bool runs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = mode,
            ["urls"] = urls,
            [DemoPolicy.EnabledKey] = enabled,
            ["ConnectionStrings:Sos"] = "Host=127.0.0.1",
        }).Build();

        var (enabledNow, why) = DemoPolicy.Why(configuration);

        Assert.Equal(runs, enabledNow);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public void KestrelEndpointOnAnyAddressTurnsTheDemoOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:8080",
        }).Build();

        var (enabled, why) = DemoPolicy.Why(configuration);

        Assert.False(enabled);
        Assert.Contains("0.0.0.0:8080", why, StringComparison.Ordinal);
    }
}
