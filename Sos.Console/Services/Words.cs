using Microsoft.Extensions.Localization;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// Statuses, presences, lifecycles, dispositions and timeline steps in the words a dispatcher uses, in the user's
/// language: the one place the console turns Sos's machine names into text (enum values stay as they are in APIs, CSV
/// and data attributes). Each value's key is <c>&lt;Enum&gt;.&lt;Value&gt;</c> in <see cref="Text"/>.
/// </summary>
public static class Words
{
    /// <summary>The label of any enum value Sos shows.</summary>
    public static string Of<TEnum>(this IStringLocalizer<Text> text, TEnum value)
        where TEnum : struct, Enum => text[KeyOf(value)];

    /// <summary>The resource key of an enum value's label.</summary>
    public static string KeyOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{value}";

    /// <summary>A disposition's label, empty for none.</summary>
    public static string Of(this IStringLocalizer<Text> text, CallDisposition? disposition) =>
        disposition is { } d ? text.Of(d) : string.Empty;

    /// <summary>
    /// Who did something, as a timeline or the audit trail records it: Sos itself and somebody not signed in in the
    /// user's words; a kiosk, an operator or a tool by its recorded name.
    /// </summary>
    public static string Actor(this IStringLocalizer<Text> text, string actor) => actor switch
    {
        Actors.System => text["Actor.System"],
        Actors.Anonymous => text["Actor.Anonymous"],
        _ when actor.StartsWith(Actors.CitizenPrefix, StringComparison.Ordinal) => text["Actor.Citizen"],
        _ => actor,
    };

    /// <summary>Who is calling, as a card names them: the kiosk's name, or the citizen app and the citizen (or "anonymous").</summary>
    public static string CallerName(this IStringLocalizer<Text> text, CallSnapshot call) => call switch
    {
        { Kiosk: { } kiosk } => kiosk.Name,
        { Citizen: { } citizen } => text["Citizen.Caller", citizen.Request.Name ?? text["Citizen.Anonymous"]],
        _ => call.KioskId,
    };

    /// <summary>What moving a kiosk to <paramref name="lifecycle"/> means, said before an administrator confirms it.</summary>
    public static string Consequence(this IStringLocalizer<Text> text, KioskLifecycle lifecycle) =>
        text[$"{KeyOf(lifecycle)}.Consequence"];

    /// <summary>The enums whose every value has a label (the resource-completeness test reads this list).</summary>
    public static readonly IReadOnlyList<Type> Labelled =
    [
        typeof(CallStatus), typeof(OperatorPresence), typeof(KioskLifecycle), typeof(KioskStatus), typeof(QueueStateKind),
        typeof(CallEventKind), typeof(CallDisposition), typeof(CallPriority), typeof(AccountRole),
        typeof(RoutingStrategy), typeof(IncidentStatus), typeof(UnitStatus), typeof(UnitKind), typeof(AssignmentStep),
        typeof(Grains.Units.RankingReason), typeof(KioskAlertKind), typeof(KioskTestOutcome), typeof(KioskTestTrigger), typeof(MaintenanceTicketStep), typeof(CitizenReportStatus),
    ];
}
