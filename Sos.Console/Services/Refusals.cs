using Microsoft.Extensions.Localization;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// What the user reads when Sos refuses a request: the refusal in the user's language, from what the refusal carries
/// (the presence or status that stood in the way, the kiosk), never the grain's English message.
/// </summary>
public static class Refusals
{
    /// <summary>Why Sos chose an operator's presence, in the user's words (as recorded when Sos has no words for it).</summary>
    public static string? Reason(this IStringLocalizer<Text> text, OperatorSnapshot op) =>
        op.Cause is { } cause && text[$"PresenceCause.{cause.Code}"] is { ResourceNotFound: false }
            ? text[$"PresenceCause.{cause.Code}", [.. cause.Arguments.IsDefault ? [] : cause.Arguments]].Value
            : op.PresenceReason;

    /// <summary>The refusal in the user's words.</summary>
    public static string Refusal(this IStringLocalizer<Text> text, SosDomainException refused) => refused switch
    {
        InvalidPresenceChangeException presence => text["Refusal.Presence", text.Of(presence.From)],
        InvalidCallTransitionException call => text["Refusal.Call", text.Of(call.Status)],
        InvalidKioskTransitionException kiosk => text["Refusal.Lifecycle", text.Of(kiosk.From), text.Of(kiosk.To)],
        AccessRefusedException => text["Refusal.Access"],
        UnknownCallException => text["Refusal.UnknownCall"],
        UnknownKioskException kiosk => text["Refusal.UnknownKiosk", kiosk.KioskId],
        NotesConflictException => text["Refusal.Notes"],
        MediaRefusedException or MediaUnavailableException => text["Refusal.Media"],
        { Reason: { } reason } when !text[$"Refusal.{reason}"].ResourceNotFound => text[$"Refusal.{reason}", [.. refused.Arguments]],
        _ => text["Refusal.Other"],
    };
}
