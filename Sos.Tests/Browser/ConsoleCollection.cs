namespace Sos.Tests.Browser;

/// <summary>Browser tests that share one running console and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "console";
}
