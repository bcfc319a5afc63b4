namespace Sos.Grains.Abstractions;

/// <summary>
/// Supervisors' moves on a call: take over and reassign. Stateless: it asks the call (which decides and records who
/// and why) and then moves the operators. Awaits calls and operators; nobody but consoles awaits it.
/// </summary>
public interface ISupervisionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A supervisor takes the call over: it connects to them at once, whoever it rang or was connected to, and the
    /// step is recorded in the call's timeline with <paramref name="reason"/>.
    /// </summary>
    Task<CallSnapshot> TakeOverAsync(string supervisor, Guid callId, string reason);

    /// <summary>
    /// A supervisor who may take the call over (not on another call or in wrap-up) warns its operator first: the call
    /// shows who takes it over, why and at <paramref name="at"/>; the supervisor's console then takes it over.
    /// </summary>
    Task<CallSnapshot> AnnounceTakeOverAsync(string supervisor, Guid callId, string reason, DateTimeOffset at);

    /// <summary>
    /// A supervisor gives the call to <paramref name="toLogin"/>, who must be Available in the call's centre: a waiting
    /// call rings them next, a connected call moves to them at once. Recorded in the call's timeline with who and why.
    /// </summary>
    Task<CallSnapshot> ReassignAsync(string supervisor, Guid callId, string toLogin, string reason);
}
