using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The citizen on an SOS call, as their session last told the call: who (or anonymous), where (the latest fix and the
/// trail of earlier ones), the phone's battery and language, and the chat. Owned by the citizen session; the call
/// keeps this copy so that the dispatcher's screens and the call's record hold it.
/// </summary>
/// <param name="SessionId">The SOS session (the call has the same id).</param>
/// <param name="CentreId">The operations centre that answers the channel.</param>
/// <param name="Request">What the phone sent first.</param>
/// <param name="Location">The latest fix, or null while the phone has none.</param>
/// <param name="Trail">Earlier fixes, oldest first (at most <see cref="TrailKept"/>), the latest not included.</param>
/// <param name="Battery">The phone's battery in per cent, as last told.</param>
/// <param name="Chat">The chat, oldest first.</param>
/// <param name="PhoneVerified">Whether the phone number given is the one the device proved with an SMS code.</param>
/// <param name="Attachments">Files the citizen declared for the chat (photos, videos, voice), with those stored.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenCaller")]
public sealed record CitizenCaller(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] CitizenSosRequest Request,
    [property: Id(3)] CitizenLocation? Location,
    [property: Id(4)] ImmutableArray<CitizenLocation> Trail,
    [property: Id(5)] int? Battery,
    [property: Id(6)] ImmutableArray<CitizenChatMessage> Chat,
    [property: Id(7)] bool PhoneVerified = false,
    [property: Id(8)] ImmutableArray<CitizenReportAttachment> Attachments = default)
{
    /// <summary>How many files one SOS chat may carry.</summary>
    public const int MaxAttachments = 20;

    /// <summary>How many earlier fixes the trail keeps.</summary>
    public const int TrailKept = 100;

    /// <summary>How many chat messages one SOS may hold.</summary>
    public const int ChatKept = 500;

    /// <summary>The longest chat message.</summary>
    public const int MaxMessageLength = 2000;
}

/// <summary>One message of an SOS chat.</summary>
/// <param name="Sequence">Its number in the chat, from 1.</param>
/// <param name="At">When Sos received it (UTC).</param>
/// <param name="FromCitizen">The citizen wrote it; otherwise the dispatcher.</param>
/// <param name="Author">Who wrote it (<see cref="Actors"/>).</param>
/// <param name="Text">What was written (empty for files sent alone).</param>
/// <param name="AttachmentIds">The files sent with it (<see cref="CitizenCaller.Attachments"/>).</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenChatMessage")]
public sealed record CitizenChatMessage(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] bool FromCitizen,
    [property: Id(3)] string Author,
    [property: Id(4)] string Text,
    [property: Id(5)] ImmutableArray<int> AttachmentIds = default);
