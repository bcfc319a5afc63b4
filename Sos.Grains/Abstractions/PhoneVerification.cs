namespace Sos.Grains.Abstractions;

/// <summary>
/// A code sent by SMS to prove a citizen's phone number, waiting on their device (<see cref="ICitizenDeviceGrain"/>).
/// Only a salted hash of the code is kept.
/// </summary>
/// <param name="Phone">The number it was sent to.</param>
/// <param name="Salt">The salt of <paramref name="CodeHash"/>.</param>
/// <param name="CodeHash">SHA-256 of the salt and the code, hex.</param>
/// <param name="SentAt">When it was made.</param>
/// <param name="ExpiresAt">Until when it may be confirmed.</param>
/// <param name="WrongAttempts">Wrong codes tried so far; at <see cref="MaxWrongAttempts"/> it is void.</param>
[GenerateSerializer, Immutable, Alias("Sos.PhoneVerification")]
public sealed record PhoneVerification(
    [property: Id(0)] string Phone,
    [property: Id(1)] string Salt,
    [property: Id(2)] string CodeHash,
    [property: Id(3)] DateTimeOffset SentAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] int WrongAttempts)
{
    /// <summary>How many digits a code has.</summary>
    public const int Digits = 6;

    /// <summary>How many wrong codes void a verification.</summary>
    public const int MaxWrongAttempts = 5;

    /// <summary>How long a code may be confirmed.</summary>
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(10);

    /// <summary>How long before another code may be sent to the same device.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);
}

/// <summary>A code to send by SMS: what the device grain gives the API once, for its SMS gateway to send.</summary>
/// <param name="Phone">The number to send it to.</param>
/// <param name="Code">The code, <see cref="PhoneVerification.Digits"/> digits.</param>
/// <param name="ExpiresAt">Until when it may be confirmed.</param>
/// <param name="ResendAfter">When another may be asked for.</param>
[GenerateSerializer, Immutable, Alias("Sos.PhoneCode")]
public sealed record PhoneCode(
    [property: Id(0)] string Phone,
    [property: Id(1)] string Code,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset ResendAfter);
