using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Sos.Silo;

/// <summary>
/// Log levels an operations centre can keep: Sos's own categories at Information, the frameworks' (ASP.NET Core's
/// five lines per request, HttpClient's four, Orleans' and Polly's per placement) at Warning. Defaults only: <c>Logging:LogLevel:*</c>
/// from any configuration source overrides them, and <c>Logging:Console:FormatterName=json</c> writes JSON lines for a
/// log shipper.
/// </summary>
public static class SosLogging
{
    /// <summary>Puts the defaults under every configuration source the host has.</summary>
    public static void AddSosLoggingDefaults(this IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting"] = "Information",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",

                // Four lines per HTTP request Sos makes (the SIP server's state of every station, every probe).
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",

                // The call id (kiosk id, login) a grain works for, on every line it writes (GrainLogScope).
                ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            },
        });
}
