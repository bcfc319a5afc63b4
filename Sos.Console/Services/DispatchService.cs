using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What a dispatcher's screen does: presence, answering, notes, incident, closing, wrap-up, heartbeat.</summary>
public sealed class DispatchService(IClusterClient client)
{
    /// <summary>The operator as their grain holds them.</summary>
    public Task<OperatorSnapshot> GetOperatorAsync(string login) => client.GetOperator(login).GetAsync();

    /// <summary>A call.</summary>
    public Task<CallSnapshot> GetCallAsync(Guid callId) => client.GetCall(callId).GetAsync();

    /// <summary>The calls of the centre that wait for an answer, in the order they will ring.</summary>
    public async Task<IReadOnlyList<CallSnapshot>> GetWaitingCallsAsync(string centreId)
    {
        var routing = await client.GetRouting(centreId).GetAsync();
        var calls = await Task.WhenAll(routing.Waiting.Select(w => client.GetCall(w.CallId).GetAsync()));
        return [.. calls.Where(c => c.IsWaiting)];
    }

    /// <summary>The operator chooses Available, Break or Offline.</summary>
    public Task<OperatorSnapshot> ChangePresenceAsync(string centreId, string login, OperatorPresence presence) =>
        client.GetOperator(login).ChangePresenceAsync(centreId, presence);

    /// <summary>The open console reports in to the operator's grain; returns the operator as their grain holds them.</summary>
    public Task<OperatorSnapshot> HeartbeatAsync(string login) =>
        client.GetOperator(login).HeartbeatAsync();

    /// <summary>The operator answers the call that rings them.</summary>
    public Task<CallSnapshot> AcceptAsync(string login, Guid callId) =>
        client.GetOperator(login).AnswerAsync(callId);

    /// <summary>Saves the notes as they are typed.</summary>
    public Task<CallSnapshot> SaveNotesAsync(string login, Guid callId, string notes, string basedOn) =>
        client.GetCall(callId).UpdateNotesAsync(login, notes, basedOn);

    /// <summary>Records the incident category and the patrol sent.</summary>
    public Task<CallSnapshot> RecordIncidentAsync(string login, Guid callId, string? category, string? patrolUnit) =>
        client.GetCall(callId).RecordIncidentAsync(login, category, patrolUnit);

    /// <summary>Ends the conversation with a disposition; the wrap-up begins.</summary>
    public Task<CallSnapshot> CloseAsync(string login, Guid callId, CallClosure closure) =>
        client.GetOperator(login).FinishCallAsync(callId, closure);

    /// <summary>Ends the wrap-up early.</summary>
    public Task<OperatorSnapshot> EndWrapUpAsync(string login) =>
        client.GetOperator(login).EndWrapUpAsync();

    /// <summary>
    /// A chat message from the dispatcher on a citizen's SOS to the citizen. Only the dispatcher who talks on the call
    /// writes in its chat (<c>not-on-call</c> otherwise).
    /// </summary>
    public async Task<CallSnapshot> ReplyToCitizenAsync(string login, Guid callId, string text)
    {
        var call = await client.GetCall(callId).GetAsync();
        if (call.Citizen is not { } citizen || call.ConnectedOperator != login || call.Status != CallStatus.Connected)
        {
            throw new SosDomainException("not-on-call", $"Operator {login} is not talking on citizen call {callId}.", login);
        }

        await client.GetCitizenSession(citizen.SessionId).ReplyAsync(text, Actors.Operator(login));
        return await client.GetCall(callId).GetAsync();
    }
}
