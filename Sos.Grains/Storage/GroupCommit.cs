namespace Sos.Grains.Storage;

/// <summary>
/// Group commit for a reentrant grain that many callers change at once: each caller changes the state in memory, then
/// awaits <see cref="CommitAsync"/>, which returns once a write that began after that change has completed. At most
/// one write is in flight; changes made meanwhile ride on the next one, so a burst costs a few writes, not one each.
/// </summary>
/// <param name="write">Writes the grain's whole current state.</param>
public sealed class GroupCommit(Func<Task> write)
{
    private long changes;
    private long written;
    private Task? writing;

    /// <summary>Whether anything was changed since the grain activated.</summary>
    public bool HasChanges => changes > 0;

    /// <summary>Records that the state changed in memory, and returns once a write that holds the change completed.</summary>
    public async Task CommitAsync()
    {
        var mine = ++changes;
        while (written < mine)
        {
            if (writing is null || writing.IsCompleted)
            {
                writing = WriteAsync();
            }

            await writing;
        }
    }

    private async Task WriteAsync()
    {
        var upTo = changes;
        await write();
        written = upTo;
    }
}
