namespace Sos.Grains.Abstractions;

/// <summary>A call's media session: also the media grain's persisted state.</summary>
/// <param name="CallId">The call it belongs to.</param>
/// <param name="KioskId">The caller's kiosk; empty until the call opened it.</param>
/// <param name="CentreId">The centre that handles the call.</param>
/// <param name="Status">Where the session is.</param>
/// <param name="Server">The media server's API URL the room lives on.</param>
/// <param name="Room">The room's id on that server (the call id).</param>
/// <param name="Secret">The room's secret: only Sos can change or destroy it.</param>
/// <param name="RecordingDirectory">Where the media server writes the call's raw recordings.</param>
/// <param name="OpenedAt">When the call opened.</param>
/// <param name="EndedAt">When the media ended.</param>
/// <param name="Problem">Why media is missing or degraded, in words an operator reads; null when all is well.</param>
/// <param name="Rooms">How many times a room was created for the call (more than one after a media server was lost).</param>
/// <param name="CallerLive">The caller's camera and microphone are being received (in memory: not persisted meaningfully).</param>
/// <param name="OperatorLive">The operator's microphone is being sent to the caller (in memory).</param>
/// <param name="OperatorVoice">Changes whenever another operator's microphone joins (take-over, reassign, a reload): receivers of it ask again (in memory).</param>
/// <param name="StationCall">The caller is a SIP intercom: the operator's voice leg is a call to its station (in memory).</param>
/// <param name="StationLive">That call to the station is up (in memory).</param>
/// <param name="CallerFeeds">Changes whenever the caller publishes anew (its page reconnected): watchers of it ask again (in memory).</param>
[GenerateSerializer, Immutable, Alias("Sos.MediaSessionSnapshot")]
public sealed record MediaSessionSnapshot(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] string CentreId,
    [property: Id(3)] MediaStatus Status,
    [property: Id(4)] string? Server,
    [property: Id(5)] string? Room,
    [property: Id(6)] string? Secret,
    [property: Id(7)] string? RecordingDirectory,
    [property: Id(8)] DateTimeOffset OpenedAt,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] string? Problem,
    [property: Id(11)] int Rooms,
    [property: Id(12)] bool CallerLive = false,
    [property: Id(13)] bool OperatorLive = false,
    [property: Id(14)] int OperatorVoice = 0,
    [property: Id(15)] bool StationCall = false,
    [property: Id(16)] bool StationLive = false,
    [property: Id(17)] int CallerFeeds = 0)
{
    /// <summary>The session of a call that has not opened one.</summary>
    public static MediaSessionSnapshot None(Guid callId) =>
        new(callId, string.Empty, SosConstants.DefaultCentreId, MediaStatus.Pending, null, null, null, null, default, null, null, 0);

    /// <summary>Whether a call opened this session.</summary>
    public bool Exists => KioskId.Length > 0;
}
