using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Sos.Tests.Console;

/// <summary>
/// A bUnit context with MudBlazor's services; MudBlazor's own JavaScript calls are answered loosely. The kiosk's video
/// is real WebRTC between Chromium and Janus: the media tests show it in a real browser (Sos.Tests/Media), so here it
/// renders as an empty stand-in and the tests look at everything around it.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddScoped<Sos.Console.Services.CentreTime>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        ComponentFactories.AddStub<Sos.Console.Components.Pages.Dispatch.KioskVideo>();
    }
}
