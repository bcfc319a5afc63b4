namespace Sos.Grains.Abstractions;

/// <summary>The actions the audit trail records: machine codes, stable for searches and exports.</summary>
public static class AuditActions
{
    /// <summary>A console user signed in.</summary>
    public const string SignIn = "sign-in";

    /// <summary>A sign-in was refused (wrong password, unknown or disabled account, too many attempts).</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>A console user signed out.</summary>
    public const string SignOut = "sign-out";

    /// <summary>An account was created.</summary>
    public const string AccountCreated = "account-created";

    /// <summary>An account's name, roles or centre changed.</summary>
    public const string AccountChanged = "account-changed";

    /// <summary>An account's password was set by an administrator.</summary>
    public const string PasswordSet = "password-set";

    /// <summary>An account was disabled.</summary>
    public const string AccountDisabled = "account-disabled";

    /// <summary>An account was enabled again.</summary>
    public const string AccountEnabled = "account-enabled";

    /// <summary>A kiosk was registered or its registration changed.</summary>
    public const string KioskRegistered = "kiosk-registered";

    /// <summary>A kiosk's lifecycle changed.</summary>
    public const string KioskLifecycleChanged = "kiosk-lifecycle";

    /// <summary>A kiosk's secret was issued or rotated.</summary>
    public const string KioskSecretIssued = "kiosk-secret-issued";

    /// <summary>A kiosk camera's user and password were set or cleared (never what they are).</summary>
    public const string KioskCameraCredentialsSet = "kiosk-camera-credentials";

    /// <summary>A registering SIP intercom's password was set or cleared (never the password itself).</summary>
    public const string KioskSipPasswordSet = "kiosk-sip-password";

    /// <summary>An administrator asked a kiosk for a test call.</summary>
    public const string KioskTestRequested = "kiosk-test-requested";

    /// <summary>A kiosk's maintenance ticket was given to a technician.</summary>
    public const string KioskTicketAssigned = "kiosk-ticket-assigned";

    /// <summary>A kiosk's maintenance ticket was closed.</summary>
    public const string KioskTicketClosed = "kiosk-ticket-closed";

    /// <summary>A supervisor blocked a citizen's device.</summary>
    public const string CitizenDeviceBlocked = "citizen-device-blocked";

    /// <summary>A supervisor lifted a citizen device's block.</summary>
    public const string CitizenDeviceUnblocked = "citizen-device-unblocked";

    /// <summary>A patrol unit was registered or its registration changed.</summary>
    public const string UnitRegistered = "unit-registered";

    /// <summary>A patrol unit's tracker secret was issued or rotated.</summary>
    public const string UnitSecretIssued = "unit-secret-issued";

    /// <summary>A supervisor took a call over.</summary>
    public const string CallTakenOver = "call-taken-over";

    /// <summary>A supervisor moved a call to another operator.</summary>
    public const string CallReassigned = "call-reassigned";

    /// <summary>A centre's settings (routing strategy, overflow) changed.</summary>
    public const string SettingsChanged = "settings-changed";

    /// <summary>The call history was exported.</summary>
    public const string HistoryExported = "history-exported";

    /// <summary>A call's recording was played or its evidence downloaded.</summary>
    public const string EvidenceViewed = "evidence-viewed";

    /// <summary>An incident was exported (its EIDO, or the incidents as CSV).</summary>
    public const string IncidentExported = "incident-exported";

    /// <summary>The audit trail itself was exported.</summary>
    public const string AuditExported = "audit-exported";

    /// <summary>Every action, for the search's choice.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, SignOut, AccountCreated, AccountChanged, PasswordSet, AccountDisabled, AccountEnabled,
        KioskRegistered, KioskLifecycleChanged, KioskSecretIssued, KioskCameraCredentialsSet, KioskSipPasswordSet, KioskTestRequested, KioskTicketAssigned, KioskTicketClosed, CitizenDeviceBlocked, CitizenDeviceUnblocked, UnitRegistered, UnitSecretIssued, CallTakenOver, CallReassigned, SettingsChanged,
        HistoryExported, IncidentExported, EvidenceViewed, AuditExported,
    ];
}
