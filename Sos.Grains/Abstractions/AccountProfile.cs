using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>What an administrator sets on a console account, besides its password.</summary>
/// <param name="DisplayName">The name shown in the console and on the wall.</param>
/// <param name="Roles">What the account may do.</param>
/// <param name="CentreId">The operations centre the account works in.</param>
[GenerateSerializer, Immutable, Alias("Sos.AccountProfile")]
public sealed record AccountProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] ImmutableArray<AccountRole> Roles,
    [property: Id(2)] string CentreId);
