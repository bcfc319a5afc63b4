using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private static readonly AccountProfile Dispatcher = new("Anna Petrova", [AccountRole.Dispatcher], "pavlodar");

    private static string NewLogin() => $"anna-{Guid.NewGuid():N}";

    [Fact]
    public async Task RightPasswordSignsInAndWrongOneDoesNot()
    {
        var login = NewLogin();
        var account = fixture.Client.GetAccount(login);
        await account.CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test"));

        var signedIn = await account.SignInAsync("long-enough-1");
        Assert.NotNull(signedIn);
        Assert.Equal([AccountRole.Dispatcher], signedIn.Roles);
        Assert.NotNull(signedIn.LastSignInAt);
        Assert.Null(await account.SignInAsync("long-enough-2"));
        Assert.Null(await account.SignInAsync(string.Empty));
        Assert.Null(await fixture.Client.GetAccount(NewLogin()).SignInAsync("long-enough-1"));
    }

    [Theory]
    [InlineData("anna petrova")]
    [InlineData("anna<script>")]
    [InlineData("анна")]
    public async Task AccountIsNotCreatedUnderALoginNoAccountMayHave(string login)
    {
        var refused = await Assert.ThrowsAsync<SosDomainException>(() => fixture.Client.GetAccount(login + Guid.NewGuid().ToString("N")[..6]).CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test")));

        Assert.Equal(AccountLogins.Rule, refused.Message);
        Assert.False(AccountLogins.IsValid(login));
        Assert.True(AccountLogins.IsValid("dispatcher1"));
        Assert.False(AccountLogins.IsValid(new string('a', AccountLogins.MaxLength + 1)));
    }

    [Fact]
    public async Task DisabledAccountCannotSignInUntilEnabledAgain()
    {
        var account = fixture.Client.GetAccount(NewLogin());
        await account.CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test"));

        await account.SetDisabledAsync(true, Actors.Tool("test"));
        Assert.Null(await account.SignInAsync("long-enough-1"));

        await account.SetDisabledAsync(false, Actors.Tool("test"));
        Assert.NotNull(await account.SignInAsync("long-enough-1"));
    }

    [Fact]
    public async Task ResetPasswordReplacesTheOldOne()
    {
        var account = fixture.Client.GetAccount(NewLogin());
        await account.CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test"));

        await account.SetPasswordAsync("brand-new-pass", Actors.Tool("test"));

        Assert.Null(await account.SignInAsync("long-enough-1"));
        Assert.NotNull(await account.SignInAsync("brand-new-pass"));
    }

    [Fact]
    public async Task ShortPasswordsDuplicateLoginsAndAccountsWithoutRolesAreRefused()
    {
        var login = NewLogin();
        var account = fixture.Client.GetAccount(login);
        await Assert.ThrowsAsync<SosDomainException>(() => account.CreateAsync(Dispatcher, "short", Actors.Tool("test")));
        await Assert.ThrowsAsync<SosDomainException>(() => account.CreateAsync(Dispatcher with { Roles = [] }, "long-enough-1", Actors.Tool("test")));
        Assert.False((await account.GetAsync()).Exists);

        await account.CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test"));
        await Assert.ThrowsAsync<SosDomainException>(() => account.CreateAsync(Dispatcher, "long-enough-2", Actors.Tool("test")));
        Assert.NotNull(await account.SignInAsync("long-enough-1"));
    }

    [Fact]
    public async Task CreatedAccountIsListedAndRolesCanChange()
    {
        var login = NewLogin();
        var account = fixture.Client.GetAccount(login);
        await account.CreateAsync(Dispatcher, "long-enough-1", Actors.Tool("test"));

        Assert.Contains(login, await fixture.Client.GetAccountDirectory().GetAsync());
        var promoted = await account.UpdateProfileAsync(Dispatcher with { Roles = [AccountRole.Dispatcher, AccountRole.Supervisor] }, Actors.Tool("test"));
        Assert.True(promoted.Has(AccountRole.Supervisor));
        Assert.True((await account.SignInAsync("long-enough-1"))!.Has(AccountRole.Supervisor));
    }
}
