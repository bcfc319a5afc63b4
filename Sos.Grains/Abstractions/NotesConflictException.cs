namespace Sos.Grains.Abstractions;

/// <summary>
/// Notes were saved from a copy that is no longer the call's: another window of the same operator changed them
/// meanwhile. Nothing was overwritten; <see cref="CurrentNotes"/> holds what the call has.
/// </summary>
[GenerateSerializer, Alias("Sos.NotesConflictException")]
public sealed class NotesConflictException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="callId">The call.</param>
    /// <param name="currentNotes">The notes the call holds.</param>
    public NotesConflictException(Guid callId, string currentNotes)
        : base($"The notes of call {callId} were changed in another window; nothing was overwritten.")
    {
        CallId = callId;
        CurrentNotes = currentNotes;
    }

    /// <summary>The call.</summary>
    [Id(0)]
    public Guid CallId { get; }

    /// <summary>The notes the call holds.</summary>
    [Id(1)]
    public string CurrentNotes { get; }
}
