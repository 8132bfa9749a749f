using Compliance.Api.OfficerConsole;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>The service on a real loopback port (Kestrel), for a real browser; otherwise as <see cref="ApiFactory"/>.</summary>
public sealed class ConsoleFactory : ApiFactory
{
    public ConsoleFactory()
    {
        UseKestrel(0);
    }

    /// <summary>The root URL the browser opens, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>Creates an officer with a known password (as <c>officers create</c> does, but with the password chosen).</summary>
    internal async Task<string> OfficerAsync(string username, string role, string? displayName = null, string timeZone = "UTC")
    {
        StartServer();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        (await Services.GetRequiredService<OfficerStore>().CreateAsync(username, displayName ?? username, role, password, timeZone, "test", null, CancellationToken.None))
            .Should().NotBeNull();
        return password;
    }
}
