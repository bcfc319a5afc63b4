namespace Sos.Tests.Infrastructure;

/// <summary>Tests of the device API against one in-memory host.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "api";
}
