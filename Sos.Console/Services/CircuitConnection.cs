using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Sos.Console.Services;

/// <summary>
/// The browser connection of one circuit, and the one place pages learn that they must reload: when the browser
/// reconnects to its circuit, or when this console reaches the cluster again. Scoped: one per circuit.
/// </summary>
public sealed class CircuitConnection : CircuitHandler, IDisposable
{
    private readonly ClusterConnectionMonitor cluster;

    // The circuit's language and formats: a cluster notification arrives on another thread and is handled in them.
    private readonly System.Globalization.CultureInfo culture = System.Globalization.CultureInfo.CurrentCulture;
    private readonly System.Globalization.CultureInfo uiCulture = System.Globalization.CultureInfo.CurrentUICulture;

    /// <summary>Creates the handler of one circuit.</summary>
    public CircuitConnection(ClusterConnectionMonitor cluster)
    {
        this.cluster = cluster;
        cluster.Changed += OnClusterChanged;
    }

    /// <summary>Raised when state may have been missed and must be read again from the grains.</summary>
    public event Func<Task>? Restored;

    /// <summary>Raised when the cluster is lost or reached again.</summary>
    public event Func<bool, Task>? ClusterChanged;

    /// <summary>Whether the browser is connected to this circuit.</summary>
    public bool IsUp { get; private set; } = true;

    /// <summary>Whether the cluster answers.</summary>
    public bool ClusterConnected => cluster.IsConnected;

    /// <inheritdoc />
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsUp = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var wasDown = !IsUp;
        IsUp = true;
        if (wasDown)
        {
            await RaiseRestoredAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose() => cluster.Changed -= OnClusterChanged;

    private void OnClusterChanged(bool connected) => _ = OnClusterChangedAsync(connected);

    private async Task OnClusterChangedAsync(bool connected)
    {
        System.Globalization.CultureInfo.CurrentCulture = culture;
        System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
        if (ClusterChanged is { } changed)
        {
            await changed(connected);
        }

        if (connected)
        {
            await RaiseRestoredAsync();
        }
    }

    private async Task RaiseRestoredAsync()
    {
        if (Restored is { } restored)
        {
            foreach (var handler in restored.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
