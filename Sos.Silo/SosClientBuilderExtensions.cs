using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Sos.Grains.Abstractions;
using Sos.Silo.Security;

namespace Sos.Silo;

/// <summary>The Orleans client configuration of Sos: consoles in Cluster mode, the simulator, gateways outside a silo.</summary>
public static class SosClientBuilderExtensions
{
    /// <summary>How long a client waits for a grain call's answer unless <c>Sos:Client:ResponseTimeout</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connects to the Sos cluster chosen by <c>Sos:Mode</c>: PostgreSQL membership in Cluster mode
    /// (<c>ConnectionStrings:Sos</c>), otherwise the local silo's gateway (<c>Sos:Silo:GatewayPort</c>, default 30000);
    /// cluster and service ids from <c>Sos:Silo</c>, and the Sos stream provider, so the client can subscribe to changes.
    /// A grain call that gets no answer within <c>Sos:Client:ResponseTimeout</c> (default 5 s, against Orleans' 30 s)
    /// fails, so a console whose request hung on a silo that died shows the error and can try again at once.
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
                : throw new SosConfigurationException("Sos:Mode is Cluster but ConnectionStrings:Sos (environment ConnectionStrings__Sos) is not set.");
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SosSiloBuilderExtensions.PostgresInvariant;
                o.ConnectionString = postgres;
            });
            if (ClusterTls.From(configuration, ClusterRole.Client) is { } tls)
            {
                client.UseSosClusterTls(tls);
            }
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
        var responseTimeout = configuration.GetValue(SosConstants.ClientSection + ":ResponseTimeout", DefaultResponseTimeout);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        client.AddMemoryStreams(SosConstants.StreamProvider);
        client.AddActivityPropagation();
        return client;
    }
}
