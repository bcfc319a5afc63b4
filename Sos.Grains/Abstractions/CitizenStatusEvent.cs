namespace Sos.Grains.Abstractions;

/// <summary>
/// One thing a citizen is told about what they sent, in order: what the app's status screen shows and the status
/// stream carries (its <see cref="Sequence"/> is the stream's event id, so a reconnect resumes after the last one seen).
/// </summary>
/// <param name="Sequence">Its number, from 1, gapless.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Kind">What: <c>accepted</c>, <c>operator-joined</c>, <c>message</c>, <c>incident</c>, <c>patrol-dispatched</c>, <c>on-scene</c>, <c>incident-closed</c>, <c>cancelled</c>, <c>closed</c> (see <see cref="Kinds"/>).</param>
/// <param name="Text">What the citizen reads: the operator's message, the incident's number, the public note.</param>
/// <param name="EtaMinutes">For <c>patrol-dispatched</c>: about how many minutes the patrol needs, when its distance is known.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenStatusEvent")]
public sealed record CitizenStatusEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? Text,
    [property: Id(4)] int? EtaMinutes = null)
{
    /// <summary>The kinds of status events.</summary>
    public static class Kinds
    {
        /// <summary>Sos received it.</summary>
        public const string Accepted = "accepted";

        /// <summary>A dispatcher took it.</summary>
        public const string OperatorJoined = "operator-joined";

        /// <summary>A message from the dispatcher.</summary>
        public const string Message = "message";

        /// <summary>It was registered as an incident (its number in the text).</summary>
        public const string Incident = "incident";

        /// <summary>An SOS the citizen cancelled before an operator answered.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>A patrol was sent to the incident it is about (with an estimate of its arrival when known); once per patrol.</summary>
        public const string PatrolDispatched = "patrol-dispatched";

        /// <summary>The first patrol reached the scene.</summary>
        public const string OnScene = "on-scene";

        /// <summary>The incident it is about was closed (the dispatcher's public note in the text, if one was written).</summary>
        public const string IncidentClosed = "incident-closed";

        /// <summary>Closed, with a public note saying what was done (an SOS: the call ended).</summary>
        public const string Closed = "closed";
    }
}
