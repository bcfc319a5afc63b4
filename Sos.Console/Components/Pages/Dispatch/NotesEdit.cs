namespace Sos.Console.Components.Pages.Dispatch;

/// <summary>Notes typed on the active call, with the notes of the call this window's text started from.</summary>
/// <param name="Text">The notes as typed.</param>
/// <param name="BasedOn">The call's notes this window last had from the call (its own save, or another window's).</param>
public sealed record NotesEdit(string Text, string BasedOn);
