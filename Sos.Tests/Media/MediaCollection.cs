namespace Sos.Tests.Media;

/// <summary>The media tests share one console with its Janus, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "media";
}
