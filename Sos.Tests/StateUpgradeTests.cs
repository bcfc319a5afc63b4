using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Persisted state outlives the code that wrote it: a record that gained a field reads old rows without loss.</summary>
public sealed class StateUpgradeTests
{
    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task StateWrittenByThePreviousShapeOfARecordReadsBackWithoutLoss(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        await using var cluster = await StorageCluster.StartAsync(storage.Values);
        var grainStorage = ((InProcessSiloHandle)cluster.Cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(SosConstants.StateStore);
        var grainId = GrainId.Create("upgrade", Guid.NewGuid().ToString("N"));
        await grainStorage.WriteStateAsync("note", grainId, new GrainState<NoteBefore>(new NoteBefore("Bench broken", 3)));

        var upgraded = new GrainState<NoteAfter>();
        await grainStorage.ReadStateAsync("note", grainId, upgraded);

        Assert.Equal("Bench broken", upgraded.State!.Text);
        Assert.Equal(3, upgraded.State.Count);
        Assert.Null(upgraded.State.AddedLater);
        upgraded.State = upgraded.State with { AddedLater = "camera" };
        await grainStorage.WriteStateAsync("note", grainId, upgraded);
        var reread = new GrainState<NoteAfter>();
        await grainStorage.ReadStateAsync("note", grainId, reread);
        Assert.Equal(new NoteAfter("Bench broken", 3, "camera"), reread.State);
    }
}

/// <summary>A persisted record as an earlier build wrote it.</summary>
[GenerateSerializer, Immutable, Alias("Sos.Tests.NoteBefore")]
public sealed record NoteBefore([property: Id(0)] string Text, [property: Id(1)] int Count);

/// <summary>The same record after a field was added at the end.</summary>
[GenerateSerializer, Immutable, Alias("Sos.Tests.NoteAfter")]
public sealed record NoteAfter([property: Id(0)] string Text, [property: Id(1)] int Count, [property: Id(2)] string? AddedLater);
