using Sos.Silo;

namespace Sos.Tests;

public sealed class SiloHttpAddressTests
{
    [Theory]
    [InlineData(30000, "http://127.0.0.1:5080")]
    [InlineData(30002, "http://127.0.0.1:5082")]
    [InlineData(1000, "http://127.0.0.1:0")]
    public void SilosOnOneMachineServeHttpOnPortsOfTheirOwn(int gatewayPort, string expected) =>
        Assert.Equal(expected, SosHttp.DefaultUrlFor(gatewayPort));
}
