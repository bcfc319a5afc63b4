using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// Statuses, presences, lifecycles and timeline steps in the words a dispatcher uses: the one place the console turns
/// Sos's machine names into text (enum values stay as they are in APIs, CSV and data attributes).
/// </summary>
public static class Words
{
    /// <summary>A call's status.</summary>
    public static string Of(CallStatus status) => status switch
    {
        CallStatus.Queued => "In queue",
        CallStatus.Ringing => "Ringing",
        CallStatus.Connected => "Talking",
        CallStatus.WrapUp => "Wrap-up",
        CallStatus.Closed => "Closed",
        CallStatus.Abandoned => "Hung up unanswered",
        _ => status.ToString(),
    };

    /// <summary>An operator's presence.</summary>
    public static string Of(OperatorPresence presence) => presence switch
    {
        OperatorPresence.Offline => "Offline",
        OperatorPresence.Available => "Available",
        OperatorPresence.Ringing => "Ringing",
        OperatorPresence.OnCall => "On a call",
        OperatorPresence.WrapUp => "Wrap-up",
        OperatorPresence.Break => "On a break",
        _ => presence.ToString(),
    };

    /// <summary>Where a kiosk is in its life.</summary>
    public static string Of(KioskLifecycle lifecycle) => lifecycle switch
    {
        KioskLifecycle.Commissioning => "Commissioning",
        KioskLifecycle.InService => "In service",
        KioskLifecycle.Maintenance => "Maintenance",
        KioskLifecycle.OutOfService => "Out of service",
        KioskLifecycle.Decommissioned => "Decommissioned",
        _ => lifecycle.ToString(),
    };

    /// <summary>What moving a kiosk to <paramref name="lifecycle"/> means, said before an administrator confirms it.</summary>
    public static string Consequence(KioskLifecycle lifecycle) => lifecycle switch
    {
        KioskLifecycle.Commissioning => "Its presses open test calls again.",
        KioskLifecycle.InService => "Its presses open real SOS calls.",
        KioskLifecycle.Maintenance => "It is marked as under maintenance on the wall. A press still opens a call: an emergency is an emergency.",
        KioskLifecycle.OutOfService => "It is marked out of service on the wall. A press still opens a call.",
        KioskLifecycle.Decommissioned => "It is removed from service for good. A press still opens a call, but nobody watches its health any more.",
        _ => string.Empty,
    };

    /// <summary>A kiosk's connectivity and health.</summary>
    public static string Of(KioskStatus status) => status switch
    {
        KioskStatus.Online => "Online",
        KioskStatus.Offline => "Offline",
        KioskStatus.Fault => "Fault",
        _ => status.ToString(),
    };

    /// <summary>A centre's queue state (NENA i3 QueueState).</summary>
    public static string Of(QueueStateKind state) => state switch
    {
        QueueStateKind.Active => "Active",
        QueueStateKind.Inactive => "Inactive",
        QueueStateKind.Disabled => "Disabled",
        QueueStateKind.Full => "Full",
        QueueStateKind.Standby => "Standby",
        _ => state.ToString(),
    };

    /// <summary>A step in a call's timeline.</summary>
    public static string Of(CallEventKind kind) => kind switch
    {
        CallEventKind.Pressed => "Pressed",
        CallEventKind.PressJoined => "Pressed again",
        CallEventKind.Queued => "In queue",
        CallEventKind.Ringing => "Ringing",
        CallEventKind.Missed => "Not answered",
        CallEventKind.OfferWithdrawn => "Ring withdrawn",
        CallEventKind.Connected => "Answered",
        CallEventKind.KioskHungUp => "Caller hung up",
        CallEventKind.Abandoned => "Hung up unanswered",
        CallEventKind.NotesUpdated => "Notes",
        CallEventKind.IncidentRecorded => "Incident",
        CallEventKind.Escalated => "Past the answering target",
        CallEventKind.WrapUpStarted => "Wrap-up",
        CallEventKind.Closed => "Closed",
        CallEventKind.CalledBack => "Called back",
        CallEventKind.TakenOver => "Taken over",
        CallEventKind.Reassigned => "Reassigned",
        CallEventKind.RecordingKept => "Recording kept",
        CallEventKind.Media => "Media",
        CallEventKind.TakeOverAnnounced => "Take-over announced",
        CallEventKind.TakeOverWithdrawn => "Take-over withdrawn",
        _ => kind.ToString(),
    };
}
