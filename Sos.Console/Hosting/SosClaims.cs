namespace Sos.Console.Hosting;

/// <summary>The claims a console sign-in carries besides name and roles.</summary>
public static class SosClaims
{
    /// <summary>The operations centre the account works in.</summary>
    public const string Centre = "sos:centre";

    /// <summary>The account's display name.</summary>
    public const string DisplayName = "sos:display-name";

    /// <summary>When the user signed in (Unix seconds): a sign-in lasts one shift at most, however active.</summary>
    public const string SignedInAt = "sos:signed-in-at";
}
