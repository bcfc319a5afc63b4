namespace Sos.Grains.Media.Janus;

/// <summary>A plugin handle: the unit Janus attaches one PeerConnection to. It lives as long as its session.</summary>
/// <param name="Session">The Janus session it belongs to.</param>
/// <param name="Id">The handle's id.</param>
public readonly record struct JanusHandle(long Session, long Id);
