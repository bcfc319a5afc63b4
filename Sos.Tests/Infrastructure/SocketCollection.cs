namespace Sos.Tests.Infrastructure;

/// <summary>Tests against one Sos host listening on a real loopback socket.</summary>
[CollectionDefinition(Name)]
public sealed class SocketCollection : ICollectionFixture<SocketFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "socket";
}
