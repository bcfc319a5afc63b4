using Sos.Simulator.Chaos;

namespace Sos.Tests;

/// <summary>Issue 13: a setting Sos cannot start with ends the real silo process with one clear line, not a stack trace.</summary>
public sealed class StartupMistakeTests
{
    [Theory]
    [InlineData("Cluster", "Sos:Mode is Cluster but ConnectionStrings:Sos (environment ConnectionStrings__Sos) is not set.")]
    [InlineData("Clustr", "Sos:Mode is one of Embedded, Cluster, Memory.")]
    public async Task SiloThatCannotStartForASettingSaysWhyInOneLineAndExitsWith2(string mode, string said)
    {
        var (exitCode, output) = await SiloProcess.RunToEndAsync(new Dictionary<string, string> { ["Sos__Mode"] = mode, ["ConnectionStrings__Sos"] = string.Empty });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Sos cannot start: ", line, StringComparison.Ordinal);
        Assert.EndsWith(said, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
