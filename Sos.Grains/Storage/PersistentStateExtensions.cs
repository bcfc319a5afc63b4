namespace Sos.Grains.Storage;

/// <summary>How grains change persisted state: all or nothing.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Replaces the state with <paramref name="next"/> and writes it. If the write fails the previous state is put
    /// back and the error goes to the caller, so a refused or failed request leaves the grain as it was.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, T next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
