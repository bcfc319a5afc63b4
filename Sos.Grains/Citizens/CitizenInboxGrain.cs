using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Citizens;

/// <summary>One centre's inbox of citizen reports: the ids of those open, oldest first.</summary>
public sealed class CitizenInboxGrain(
    [PersistentState("citizen-inbox", SosConstants.StateStore)] IPersistentState<CitizenInboxState> state) : Grain, ICitizenInboxGrain
{
    private ImmutableArray<Guid> Open => state.RecordExists && !state.State.Open.IsDefault ? state.State.Open : [];

    /// <inheritdoc />
    public async Task AddAsync(Guid reportId)
    {
        if (!Open.Contains(reportId))
        {
            await state.CommitAsync(new CitizenInboxState(Open.Add(reportId)));
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(Guid reportId)
    {
        if (Open.Contains(reportId))
        {
            await state.CommitAsync(new CitizenInboxState(Open.Remove(reportId)));
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<Guid>> OpenAsync() => Task.FromResult(Open);
}

/// <summary>A centre's inbox as stored.</summary>
/// <param name="Open">The open reports, oldest first.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenInboxState")]
public sealed record CitizenInboxState([property: Id(0)] ImmutableArray<Guid> Open);
