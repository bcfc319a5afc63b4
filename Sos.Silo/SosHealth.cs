using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Silo;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the cluster places grains, grain storage takes a
/// write, and media servers answer), for load balancers, orchestrators and an operations centre's monitoring. Both
/// anonymous, JSON; ready is 503 when the cluster or storage fails, and 200 "Degraded" when only media does (calls go
/// on without media).
/// </summary>
public static class SosHealth
{
    /// <summary>Liveness: the process answers.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: the host can take calls.</summary>
    public const string ReadyPath = "/health/ready";

    private const string Ready = "ready";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The checks behind <see cref="ReadyPath"/>.</summary>
    public static IServiceCollection AddSosHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterCheck>("cluster", tags: [Ready])
            .AddCheck<StorageCheck>("storage", tags: [Ready])
            .AddCheck<MediaCheck>("media", tags: [Ready]);
        return services;
    }

    /// <summary>Maps <see cref="LivePath"/> and <see cref="ReadyPath"/>, open to anyone.</summary>
    public static IEndpointRouteBuilder MapSosHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        });
    }

    /// <summary>The cluster answers a grain call: its active silos are listed.</summary>
    private sealed class ClusterCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
                return HealthCheckResult.Healthy($"{hosts.Count} silo(s) active");
            }
            catch (Exception failure) when (failure is TimeoutException or OrleansException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy($"the cluster does not answer: {failure.Message}");
            }
        }
    }

    /// <summary>Grain storage takes a write (the probe grain's one row).</summary>
    private sealed class StorageCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await grains.GetGrain<IHealthProbeGrain>(IHealthProbeGrain.Key).WriteAsync().WaitAsync(Timeout, cancellationToken);
                return HealthCheckResult.Healthy("grain storage takes writes");
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"grain storage does not take a write: {failure.Message}");
            }
        }
    }

    /// <summary>The media servers this host uses answer; without them calls go on without media (Degraded).</summary>
    private sealed class MediaCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<JanusServers>() is not { } servers)
            {
                return Task.FromResult(HealthCheckResult.Healthy("no media in this host (a cluster client)"));
            }

            if (!servers.Enabled)
            {
                return Task.FromResult(HealthCheckResult.Healthy("media switched off (Sos:Media:Enabled=false)"));
            }

            var answering = servers.All.Count(s => s.Healthy);
            return Task.FromResult(answering > 0
                ? HealthCheckResult.Healthy($"{answering} of {servers.All.Count} media server(s) answer")
                : HealthCheckResult.Degraded($"no media server answers ({servers.Problem}); calls go on without voice and video"));
        }
    }
}
