using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Kiosks;

/// <summary>
/// How the kiosk writes its state: at once for what must survive a silo (a press that opens a call, registration,
/// lifecycle, alerts), and at most once per <see cref="JoinedPressWriteInterval"/> for presses that join the open
/// call (<see cref="WriteBehind"/>). A joined press kept only in memory costs nothing if its silo dies: a retry of it
/// joins the same open call again, so no call is lost or doubled; only the press count may come out lower.
/// </summary>
public sealed partial class KioskGrain
{
    /// <summary>The least time between two writes a flood of joined presses causes.</summary>
    public static readonly TimeSpan JoinedPressWriteInterval = TimeSpan.FromSeconds(1);

    private WriteBehind? writeBehind;

    private WriteBehind Writes => writeBehind ??= new WriteBehind(this, clock, JoinedPressWriteInterval, () => ChangeAsync(Current));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Writes.FlushAsync();
        await StopLoopbackAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task ChangeAsync(KioskState next)
    {
        await state.CommitAsync(next);
        Writes.Written();
        if (next.Kiosk.Registration is { } registration)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).KioskChanges(registration.CentreId).TryPublishAsync(next.Kiosk, logger);
        }
    }

    /// <summary>A change that may wait: written now if the last write is old enough, else kept in memory.</summary>
    private Task ChangeSoonAsync(KioskState next)
    {
        if (!Writes.Defer())
        {
            return ChangeAsync(next);
        }

        state.State = next;
        return Task.CompletedTask;
    }
}
