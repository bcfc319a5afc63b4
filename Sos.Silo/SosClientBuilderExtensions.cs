using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Sos.Grains.Abstractions;

namespace Sos.Silo;

/// <summary>The Orleans client configuration of Sos, for processes that talk to a cluster without being a silo.</summary>
public static class SosClientBuilderExtensions
{
    /// <summary>
    /// How a client finds the silos, by <c>Sos:Mode</c> (PostgreSQL membership in Cluster mode, the local gateway of
    /// <c>Sos:Silo:GatewayPort</c> otherwise), and the same stream provider as the silos, so that it can subscribe to
    /// the notifications they publish.
    /// </summary>
    public static IClientBuilder UseSosClient(this IClientBuilder client)
    {
        var configuration = client.Configuration;
        var host = SosHostOptions.From(configuration);
        var endpoints = configuration.GetSection(SosConstants.SiloSection).Get<SosSiloEndpointOptions>() ?? new SosSiloEndpointOptions();
        if (host.Mode == SosMode.Cluster)
        {
            var postgres = host.PostgresConnectionString is { Length: > 0 } connection
                ? connection
                : throw new InvalidOperationException("Sos:Mode is Cluster but ConnectionStrings:Sos (environment ConnectionStrings__Sos) is not set.");
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SosSiloBuilderExtensions.PostgresInvariant;
                o.ConnectionString = postgres;
            });
        }
        else
        {
            client.UseLocalhostClustering(endpoints.GatewayPort, endpoints.ServiceId, endpoints.ClusterId);
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        client.AddMemoryStreams(SosConstants.StreamProvider);
        return client;
    }
}
