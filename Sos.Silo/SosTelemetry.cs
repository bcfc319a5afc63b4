using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Sos.Grains.Telemetry;

namespace Sos.Silo;

/// <summary>
/// Metrics with OpenTelemetry: Sos's own meter (<see cref="SosMetrics"/>: calls opened, answered and abandoned, the
/// answer-time histogram, missed offers, escalations, kiosks falling silent, calls waiting and operators free per
/// centre), Orleans' meters, ASP.NET Core's and the runtime's; scraped by Prometheus at <see cref="MetricsPath"/>, and
/// sent over OTLP to <c>Sos:Telemetry:OtlpEndpoint</c> when it is set.
/// </summary>
public static class SosTelemetry
{
    /// <summary>Where Prometheus scrapes the host.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Telemetry";

    /// <summary>Adds the meter provider and its exporters.</summary>
    public static IServiceCollection AddSosTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var prometheus = configuration.GetValue($"{Section}:Prometheus", true);
        var otlp = configuration[$"{Section}:OtlpEndpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sos"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SosMetrics.MeterName, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is { Length: > 0 })
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp));
                }
            });

        // Traces only where they go somewhere: the device API's requests, Orleans' grain calls and Sos's own spans
        // (a press, an offer), one trace from a kiosk's request to the ring.
        if (otlp is { Length: > 0 })
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(SosTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp)));
        }

        return services;
    }

    /// <summary>Maps the Prometheus scraping endpoint (open, like the health endpoints; keep it on the internal network).</summary>
    public static IEndpointRouteBuilder MapSosTelemetry(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (configuration.GetValue($"{Section}:Prometheus", true))
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }

        return endpoints;
    }
}
