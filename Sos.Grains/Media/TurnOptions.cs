namespace Sos.Grains.Media;

/// <summary>A TURN relay (coturn) for browsers that cannot reach the media address directly (<c>Sos:Media:Turn</c>).</summary>
public sealed class TurnOptions
{
    /// <summary>TURN URLs such as <c>turn:turn.example.kz:3478?transport=udp</c> (<c>Sos:Media:Turn:Urls</c>); empty: none.</summary>
    public string[] Urls { get; set; } = [];

    /// <summary>The TURN user name (<c>Sos:Media:Turn:Username</c>).</summary>
    public string? Username { get; set; }

    /// <summary>The TURN credential (<c>Sos:Media:Turn:Credential</c>).</summary>
    public string? Credential { get; set; }
}
