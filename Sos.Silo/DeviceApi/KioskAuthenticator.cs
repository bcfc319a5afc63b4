using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Silo.Demo;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;kiosk secret&gt;</c> against the kiosk in the path. The kiosk grain holds the
/// secret's hash and compares; a secret that names another kiosk and is valid there is that kiosk's (403), anything
/// else is no secret (401). Where the demo runs (<see cref="DemoPolicy"/>) the demo kiosks also accept
/// <c>Sos:Demo:KioskSecret</c> until they are issued their own.
/// </summary>
public sealed class KioskAuthenticator(IGrainFactory grains, IOptions<DemoOptions> demo, IConfiguration configuration)
{
    private readonly bool demoSecretAllowed = DemoPolicy.Enabled(configuration);

    /// <summary>
    /// Null when the request carries <paramref name="kioskId"/>'s secret; otherwise the problem to answer. A kiosk that
    /// is not registered gets the same 401 as a wrong secret: the API never tells which kiosk ids exist.
    /// </summary>
    public async Task<IResult?> AuthenticateAsync(HttpContext context, string kioskId, TimeSpan timeout)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0]))
        {
            return DeviceApiProblems.Unauthorized(context, "secret-missing", "Send the kiosk's secret as 'Authorization: Bearer <secret>'.");
        }

        var value = header.Count == 1 ? header[0]! : string.Empty;
        const string scheme = "Bearer ";
        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return DeviceApiProblems.Unauthorized(context, "secret-malformed", "The Authorization header must be one 'Bearer <secret>'.");
        }

        var secret = value[scheme.Length..].Trim();
        if (secret.Length is 0 or > KioskSecrets.MaxLength)
        {
            return DeviceApiProblems.Unauthorized(context, "secret-wrong", $"This is not the secret of kiosk '{kioskId}'.");
        }

        KioskSecretCheck check;
        try
        {
            check = await grains.GetKiosk(kioskId).VerifySecretAsync(secret).WaitAsync(timeout, context.RequestAborted);
        }
        catch (UnknownKioskException)
        {
            return DeviceApiProblems.Unauthorized(context, "secret-wrong", $"This is not the secret of kiosk '{kioskId}'.");
        }

        if (check == KioskSecretCheck.Valid || (check == KioskSecretCheck.NoneIssued && IsDemoSecret(kioskId, secret)))
        {
            return null;
        }

        if (KioskSecrets.KioskIdOf(secret) is { } owner && owner != kioskId && await IsSecretOfAsync(owner, secret, timeout, context.RequestAborted))
        {
            return DeviceApiProblems.Problem(StatusCodes.Status403Forbidden, "secret-of-another-kiosk", $"This secret belongs to another kiosk, not to '{kioskId}'.");
        }

        return DeviceApiProblems.Unauthorized(context, "secret-wrong", $"This is not the secret of kiosk '{kioskId}'.");
    }

    private bool IsDemoSecret(string kioskId, string secret) =>
        demoSecretAllowed && DemoKiosks.Contains(kioskId) && demo.Value.KioskSecret is { Length: > 0 } expected &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private async Task<bool> IsSecretOfAsync(string owner, string secret, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetKiosk(owner).VerifySecretAsync(secret).WaitAsync(timeout, cancellationToken) == KioskSecretCheck.Valid;
        }
        catch (UnknownKioskException)
        {
            return false;
        }
    }
}
