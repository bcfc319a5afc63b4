namespace Sos.Grains.Media.Janus;

/// <summary>Janus refused a request or could not be reached; <see cref="Code"/> is Janus' error code (0 when unreachable).</summary>
public sealed class JanusException : Exception
{
    /// <summary>Janus' "no such session": the server restarted or our session timed out.</summary>
    public const int NoSuchSession = 458;

    /// <summary>Janus' "no such handle".</summary>
    public const int NoSuchHandle = 459;

    /// <summary>VideoRoom's "no such room".</summary>
    public const int NoSuchRoom = 426;

    /// <summary>VideoRoom's "room already exists".</summary>
    public const int RoomExists = 427;

    /// <summary>VideoRoom's "no such feed": the publisher is not up yet (or left).</summary>
    public const int NoSuchFeed = 428;

    /// <summary>A refusal with Janus' code and reason.</summary>
    public JanusException(int code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>Janus' error code, or 0 when the server did not answer.</summary>
    public int Code { get; }

    /// <summary>Whether the request never reached a working Janus (unreachable, timed out, session lost).</summary>
    public bool ServerLost => Code is 0 or NoSuchSession;
}
