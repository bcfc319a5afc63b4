using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>The order in which waiting calls ring: higher priority first, then the one waiting longest.</summary>
public sealed class WaitingCallOrder : IComparer<WaitingCall>
{
    /// <summary>The one instance.</summary>
    public static readonly WaitingCallOrder Instance = new();

    /// <inheritdoc />
    public int Compare(WaitingCall? x, WaitingCall? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byAge = x.WaitingSince.CompareTo(y.WaitingSince);
        return byAge != 0 ? byAge : x.CallId.CompareTo(y.CallId);
    }
}
