namespace Sos.Grains.Abstractions;

/// <summary>Whose picture and sound a leg carries.</summary>
[GenerateSerializer]
public enum MediaFeed
{
    /// <summary>The caller's side: a browser kiosk's camera and microphone (later a SIP intercom, a citizen's phone).</summary>
    Caller = 0,

    /// <summary>The operator's microphone, as the call's connected operator speaks it.</summary>
    Operator = 1,
}
