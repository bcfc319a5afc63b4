namespace Sos.Grains.Abstractions;

/// <summary>Where a call's media session is.</summary>
[GenerateSerializer]
public enum MediaStatus
{
    /// <summary>No media yet: the call has just opened.</summary>
    Pending = 0,

    /// <summary>The call's room exists on a media server and records whatever is published to it.</summary>
    Live = 1,

    /// <summary>No media server could take the call (none configured, none answering): the call goes on without media.</summary>
    Unavailable = 2,

    /// <summary>Media is switched off in this installation (<c>Sos:Media:Enabled=false</c>).</summary>
    Disabled = 3,

    /// <summary>The call ended its media: the room is destroyed, the recording is kept.</summary>
    Ended = 4,
}
