namespace Sos.Console.Components.Pages.Supervision;

/// <summary>What a supervisor does to a call.</summary>
public enum SupervisorAction
{
    /// <summary>Takes it over themselves.</summary>
    TakeOver = 0,

    /// <summary>Gives it to another operator.</summary>
    Reassign = 1,
}
