namespace Sos.Console.Services;

/// <summary>
/// Whether this console can reach the cluster. Told by the Orleans client when it loses or regains its gateways, and by
/// the consoles' heartbeats when a grain call fails or succeeds. Pages show the "reconnecting" banner while it is down
/// and reload their state from the grains when it comes back.
/// </summary>
public sealed partial class ClusterConnectionMonitor(ILogger<ClusterConnectionMonitor> logger) : IClusterConnectionStatusObserver
{
    private readonly Lock gate = new();
    private bool connected = true;

    /// <summary>Raised with the new state when the cluster is lost or reached again.</summary>
    public event Action<bool>? Changed;

    /// <summary>Whether the cluster answers.</summary>
    public bool IsConnected
    {
        get
        {
            lock (gate)
            {
                return connected;
            }
        }
    }

    /// <inheritdoc />
    public void NotifyClusterConnectionLost() => Set(false);

    /// <inheritdoc />
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways > 0 && (connectionRecovered || previousNumberOfGateways == 0))
        {
            Set(true);
        }
        else if (currentNumberOfGateways == 0)
        {
            Set(false);
        }
    }

    /// <summary>A grain call answered.</summary>
    public void ReportSuccess() => Set(true);

    /// <summary>A grain call failed for want of the cluster (not for a refused request).</summary>
    public void ReportFailure(Exception exception)
    {
        LogUnreachable(logger, exception);
        Set(false);
    }

    private void Set(bool value)
    {
        lock (gate)
        {
            if (connected == value)
            {
                return;
            }

            connected = value;
        }

        LogChanged(logger, value);
        Changed?.Invoke(value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster reachable: {Connected}")]
    private static partial void LogChanged(ILogger logger, bool connected);
}
