using Microsoft.Extensions.Configuration;
using Sos.Console.Hosting;
using Sos.Silo;

namespace Sos.Tests.Console;

public sealed class ConsoleCultureTests
{
    [Theory]
    [InlineData(null, "ru")]
    [InlineData("kk", "kk")]
    [InlineData(" en ", "en")]
    public void DefaultLanguageIsRussianUnlessConfigured(string? configured, string expected) =>
        Assert.Equal(expected, ConsoleCultures.DefaultFrom(Settings(configured)));

    [Fact]
    public void DefaultLanguageSosDoesNotSpeakStopsTheConsoleWithTheReason()
    {
        var refused = Assert.Throws<SosConfigurationException>(() => ConsoleCultures.DefaultFrom(Settings("de")));

        Assert.Equal("Sos:Console:DefaultCulture is 'de': it must be one of ru, kk, en.", refused.Message);
    }

    private static IConfiguration Settings(string? culture) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sos:Console:DefaultCulture"] = culture }).Build();
}
