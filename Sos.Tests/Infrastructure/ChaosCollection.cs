namespace Sos.Tests.Infrastructure;

/// <summary>
/// The chaos run: three silo processes under load with silos killed. It runs alone, after the tests that run in
/// parallel, so that two cores are its own and its figures mean something.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chaos";
}
