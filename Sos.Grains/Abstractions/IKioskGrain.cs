using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>One SOS call point, keyed by its stable id (such as <c>pvl-embankment-01</c>).</summary>
public interface IKioskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the kiosk, or updates its details. A new kiosk starts in commissioning. The id must follow
    /// <see cref="KioskIds"/>; the registration needs a name, a centre and real coordinates.
    /// </summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<KioskSnapshot> RegisterAsync(KioskRegistration registration, string actor);

    /// <summary>
    /// Moves the kiosk along its lifecycle: Commissioning → InService ⇄ Maintenance / OutOfService,
    /// and any state → Decommissioned. A wrong move throws <see cref="InvalidKioskTransitionException"/>.
    /// </summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<KioskSnapshot> ChangeLifecycleAsync(KioskLifecycle lifecycle, string actor);

    /// <summary>
    /// Records that the kiosk reported in, with its health: the kiosk is Online (an Offline alert clears), and faults
    /// in the report raise alerts while faults that went away clear theirs. A heartbeat that changes nothing is kept in
    /// memory and written at most once a minute (the stored time may lag by that much).
    /// </summary>
    Task<KioskSnapshot> HeartbeatAsync(KioskHealth health);

    /// <summary>
    /// A SIP intercom answered the SIP server's OPTIONS: a heartbeat without a health report (its last one stands), with
    /// the same Online and Offline rules.
    /// </summary>
    Task<KioskSnapshot> StationAnsweredAsync();

    /// <summary>
    /// How a SIP intercom took an operator's call-back: not <paramref name="answered"/> raises the
    /// <see cref="KioskAlertKind.StationNoAnswer"/> alert with <paramref name="detail"/>; answered clears it.
    /// </summary>
    Task StationCalledBackAsync(bool answered, string detail);

    /// <summary>
    /// What a call's media session saw of the kiosk's IP camera: no pictures for a while raises the
    /// <see cref="KioskAlertKind.CameraSilent"/> alert with <paramref name="detail"/>, like a camera fault in a heartbeat;
    /// pictures again clear it.
    /// </summary>
    Task CameraWatchedAsync(bool sending, string detail);

    /// <summary>
    /// Checks the kiosk against the clock now: Online with no heartbeat for longer than its interval × the
    /// missed-heartbeat limit → Offline (alert raised); a stuck-button alert clears after a quiet window; a test call
    /// due is asked (never during a call), one unanswered within <c>Sos:Kiosks:TestAnswerTimeout</c> fails, and an
    /// alert of a kiosk in service lasting <c>Sos:Kiosks:TicketAfter</c> opens a maintenance ticket. The kiosk's own
    /// timer calls this every <c>Sos:Kiosks:SupervisionTick</c> while there is something to watch; calling it more often
    /// changes nothing.
    /// </summary>
    Task<KioskSnapshot> SuperviseAsync();

    /// <summary>
    /// Issues a new device secret and returns it: the only time it is ever shown. Only its hash is stored; the previous
    /// secret stops working at once (rotation). Throws <see cref="UnknownKioskException"/> for an unregistered kiosk.
    /// </summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<string> IssueSecretAsync(string actor);

    /// <summary>
    /// Sets (or, with null, clears) the user and password of the kiosk's RTSP camera: kept in the kiosk's state only,
    /// never returned, logged or audited (the audit says they were set, by whom). Refused (<c>camera-credentials-invalid</c>)
    /// when a part is empty or longer than 200 characters, or the kiosk has no camera.
    /// </summary>
    Task<KioskSnapshot> SetCameraCredentialsAsync(CameraCredentials? credentials, string actor);

    /// <summary>Where the media server pulls the kiosk's camera from (with its credentials), for its calls' media sessions; null when it has none.</summary>
    Task<CameraSource?> CameraSourceAsync();

    /// <summary>
    /// Sets (or, with null, clears) the password the kiosk's SIP intercom registers with (SIP digest, user = its SIP
    /// user): kept in the kiosk's state only, never returned but to the SIP server's registrar, never logged (the audit
    /// says it was set, by whom). Refused (<c>sip-password-invalid</c>) when it is shorter than 8 or longer than 200
    /// characters, or the kiosk is no SIP intercom that registers.
    /// </summary>
    Task<KioskSnapshot> SetSipPasswordAsync(string? password, string actor);

    /// <summary>The password its registering SIP intercom signs in with, for the SIP server's registrar only; null when it has none or does not register.</summary>
    Task<string?> SipPasswordAsync();

    /// <summary>
    /// Whether <paramref name="secret"/> is the kiosk's current secret (compared by hash, in constant time). Throws
    /// <see cref="UnknownKioskException"/> for an unregistered kiosk.
    /// </summary>
    Task<KioskSecretCheck> VerifySecretAsync(string secret);

    /// <summary>
    /// Takes a press. Opens a call, or joins the kiosk's open call (raising its priority); a retried
    /// press id returns the same call. Returns only once the press is durable. Never refused for the
    /// kiosk's lifecycle; throws <see cref="UnknownKioskException"/> for an unregistered kiosk.
    /// </summary>
    Task<PressReceipt> PressAsync(PressRequest press);

    /// <summary>
    /// The person hung up. Before an answer the call is abandoned and kept for a call back; after an
    /// answer the hang-up is recorded and the operator closes the call. Returns the call's status.
    /// </summary>
    Task<CallStatus> CancelAsync(Guid callId);

    /// <summary>Returns the kiosk's registration, lifecycle, health and open call.</summary>
    Task<KioskSnapshot> GetAsync();

    /// <summary>Told by a call that it is no longer open, so the next press opens a new call.</summary>
    [OneWay]
    Task CallEndedAsync(Guid callId);

    /// <summary>
    /// Asks the kiosk for a test call now (after a repair, say): the kiosk learns of it with its next heartbeat's
    /// answer. One at a time; refused while the kiosk has an open call or is decommissioned.
    /// </summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<KioskSnapshot> RequestTestAsync(string actor);

    /// <summary>
    /// The kiosk answers the test call it is asked: Sos judges its report (camera, audio, the media loopback) and keeps
    /// the result; a failure of a kiosk in service opens a maintenance ticket. The same report again gets the same
    /// result; a test that is not pending is refused (<c>test-not-pending</c>).
    /// </summary>
    Task<KioskTestResult> ReportTestAsync(Guid testId, KioskSelfTest report);

    /// <summary>
    /// Starts the media loopback of the pending test call: the kiosk's SDP offer in, the media server's answer out; the
    /// media server sends the kiosk's camera and microphone straight back. Ends with the report. Throws
    /// <see cref="MediaUnavailableException"/> when no media server answers.
    /// </summary>
    Task<string> StartTestLoopbackAsync(Guid testId, string offerSdp);

    /// <summary>Gives the kiosk's open maintenance ticket to <paramref name="technician"/> (or to another).</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<KioskSnapshot> AssignTicketAsync(Guid ticketId, string technician, string actor);

    /// <summary>Closes the kiosk's open maintenance ticket, saying what was done.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<KioskSnapshot> CloseTicketAsync(Guid ticketId, string resolution, string actor);
}
