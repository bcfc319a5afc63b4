namespace Sos.Silo;

/// <summary>Where a silo serves HTTP (the device API and its OpenAPI document).</summary>
public static class SosHttp
{
    /// <summary>
    /// The silo's address when neither <c>Urls</c> (ASP.NET Core's key: <c>--urls</c>, <c>ASPNETCORE_URLS</c>) nor a
    /// Kestrel endpoint is configured. Several silos on one machine each need their own.
    /// </summary>
    public const string DefaultSiloUrl = "http://127.0.0.1:5080";
}
