using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>The persisted state of one centre's routing.</summary>
/// <param name="Strategy">The centre's chosen strategy; null means the configured default.</param>
/// <param name="Calls">Calls waiting for an answer (queued or ringing), by id.</param>
/// <param name="Operators">Operators signed in to the centre, as routing last saw them, by login.</param>
/// <param name="LastRung">The operator rung last, for round-robin.</param>
/// <param name="Consoles">Operators whose console reports in: they are signed out when it stops. Null in state written before it existed.</param>
[GenerateSerializer, Immutable, Alias("Sos.RoutingState")]
public sealed record RoutingState(
    [property: Id(0)] RoutingStrategy? Strategy,
    [property: Id(1)] ImmutableDictionary<Guid, WaitingCall> Calls,
    [property: Id(2)] ImmutableDictionary<string, OperatorSnapshot> Operators,
    [property: Id(3)] string? LastRung,
    [property: Id(4)] ImmutableSortedSet<string>? Consoles = null)
{
    /// <summary>A centre with nothing in it.</summary>
    public static readonly RoutingState Empty = new(null, ImmutableDictionary<Guid, WaitingCall>.Empty, ImmutableDictionary<string, OperatorSnapshot>.Empty, null);

    /// <summary>Operators whose console reports in.</summary>
    public ImmutableSortedSet<string> ConsoleOperators => Consoles ?? ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The same state with the operator's console watched.</summary>
    public RoutingState WithConsole(string login) => this with { Consoles = ConsoleOperators.Add(login) };

    /// <summary>The same state with the operator as last seen; a snapshot older than the one held changes nothing.</summary>
    public RoutingState With(OperatorSnapshot seen) =>
        Operators.TryGetValue(seen.Login, out var known) && !seen.IsNotOlderThan(known)
            ? this
            : this with { Operators = Operators.SetItem(seen.Login, seen) };

    /// <summary>The same state with the call's routing record replaced.</summary>
    public RoutingState With(WaitingCall call) => this with { Calls = Calls.SetItem(call.CallId, call) };

    /// <summary>The same state without the call.</summary>
    public RoutingState Without(Guid callId) => this with { Calls = Calls.Remove(callId) };
}
